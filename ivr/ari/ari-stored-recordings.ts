import { Readable } from 'node:stream';
import { checkedRecordingName } from '../../core/domain/recording-name';
import { NotFoundError, UpstreamError } from '../../core/errors';
import type { DeleteResult, RecordingAudio, RecordingStore } from '../../core/tickets/recording-store.port';
import { asteriskMessage, basicAuthorization } from './ari-http';

/**
 * Asterisk's stored recordings over plain ARI REST (fetch with basic auth), for work outside a
 * call: the API streams them to the browser (the audio never passes through our disk, the
 * credentials never leave the server) and the retention job deletes them. The call flow keeps to
 * its own connection (ari-http.ts).
 */

export interface AriRestAccess {
  /** Base URL of Asterisk's HTTP server, e.g. http://127.0.0.1:8088. */
  url: string;
  username: string;
  password: string;
}

/** Asterisk refused or could not be reached; `status` is the HTTP status when there was an answer. */
export class AriRestError extends Error {
  constructor(
    readonly operation: string,
    message: string,
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(`${operation}: ${message}`, options);
    this.name = 'AriRestError';
  }
}

/** The ARI URL of a stored recording (`suffix` '/file' for its audio), its name checked and encoded as one segment. */
export function storedRecordingUrl(ariBaseUrl: string, name: string, suffix: '' | '/file' = ''): URL {
  const base = ariBaseUrl.endsWith('/') ? ariBaseUrl : `${ariBaseUrl}/`;
  return new URL(`ari/recordings/stored/${encodeURIComponent(checkedRecordingName(name))}${suffix}`, base);
}

const REQUEST_TIMEOUT_MS = 10_000;

// Headers worth passing on so the browser's audio element can seek (Range) and size its buffer.
const FORWARDED = ['content-type', 'content-length', 'content-range', 'accept-ranges'];

export class AriStoredRecordings implements RecordingStore {
  private readonly authorization: string;

  constructor(
    private readonly access: AriRestAccess,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.authorization = basicAuthorization(access.username, access.password);
  }

  /** GET /ari/recordings/stored/{name}/file, passing a Range on. */
  async open(name: string, range: string | undefined): Promise<RecordingAudio> {
    const url = storedRecordingUrl(this.access.url, name, '/file');
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        headers: { authorization: this.authorization, ...(range ? { range } : {}) },
      });
    } catch (error) {
      throw new UpstreamError(
        'ari',
        `Asterisk cannot be reached for recording ${name}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (res.status === 404) {
      await res.body?.cancel();
      throw new NotFoundError('recording', name);
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw new UpstreamError('ari', `Asterisk answered ${res.status} for recording ${name}`);
    }
    const headers: Record<string, string> = {};
    for (const header of FORWARDED) {
      const value = res.headers.get(header);
      if (value) headers[header] = value;
    }
    const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream);
    return { status: res.status, headers, body };
  }

  /** DELETE /ari/recordings/stored/{name}; a 404 means someone (or an earlier run) deleted it already. */
  async delete(name: string): Promise<DeleteResult> {
    const operation = `delete stored recording ${name}`;
    const url = storedRecordingUrl(this.access.url, name);
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method: 'DELETE',
        headers: { authorization: this.authorization },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new AriRestError(
        operation,
        `Asterisk cannot be reached: ${(error as Error).message}`,
        undefined,
        {
          cause: error,
        },
      );
    }
    const body = await res.text();
    if (res.status === 404) return 'already-gone';
    if (res.ok) return 'deleted';
    throw new AriRestError(
      operation,
      `Asterisk answered ${res.status}: ${asteriskMessage(body)}`,
      res.status,
    );
  }
}
