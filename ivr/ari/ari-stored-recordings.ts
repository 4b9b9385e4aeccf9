import { storedRecordingUrl } from '../../core/domain/recording-name';

/**
 * Asterisk's stored recordings over plain ARI REST (fetch with basic auth), for work outside a
 * call: the retention job. The call flow keeps to its ari-client connection.
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

export type DeleteResult = 'deleted' | 'already-gone';

const REQUEST_TIMEOUT_MS = 10_000;

export class AriStoredRecordings {
  private readonly authorization: string;

  constructor(
    private readonly access: AriRestAccess,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.authorization = `Basic ${Buffer.from(`${access.username}:${access.password}`).toString('base64')}`;
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
    let message = body;
    try {
      message = (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      // Not JSON (a proxy's error page): the text as it came.
    }
    throw new AriRestError(operation, `Asterisk answered ${res.status}: ${message}`, res.status);
  }
}
