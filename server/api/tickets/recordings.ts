import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { storedRecordingUrl } from '../../../core/domain/recording-name';
import { NotFoundError, UpstreamError } from '../../../core/errors';
import { streamOut } from '../http/streaming';

export interface AriAccess {
  /** Base URL of Asterisk's HTTP server (http://127.0.0.1:8088); undefined when ARI is not configured. */
  url: string | undefined;
  username: string;
  password: string;
}

// Headers worth passing on so the browser's audio element can seek (Range) and size its buffer.
const FORWARDED = ['content-type', 'content-length', 'content-range', 'accept-ranges'];

/**
 * Streams Asterisk's stored recordings (GET /ari/recordings/stored/{name}/file) to the browser,
 * so the audio never passes through our disk and Asterisk's credentials never leave the server.
 */
export class AriRecordings {
  constructor(
    private readonly ari: AriAccess,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async stream(name: string, range: string | undefined, res: Response): Promise<void> {
    if (!this.ari.url) throw new UpstreamError('ari', 'Asterisk ARI is not configured (ARI_URL is not set)');
    const url = storedRecordingUrl(this.ari.url, name, '/file');
    const auth = Buffer.from(`${this.ari.username}:${this.ari.password}`).toString('base64');
    let upstream: globalThis.Response;
    try {
      upstream = await this.fetchImpl(url, {
        headers: { authorization: `Basic ${auth}`, ...(range ? { range } : {}) },
      });
    } catch (error) {
      throw new UpstreamError(
        'ari',
        `Asterisk cannot be reached for recording ${name}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    if (upstream.status === 404) {
      await upstream.body?.cancel();
      throw new NotFoundError('recording', name);
    }
    if (!upstream.ok || !upstream.body) {
      await upstream.body?.cancel();
      throw new UpstreamError('ari', `Asterisk answered ${upstream.status} for recording ${name}`);
    }
    res.status(upstream.status);
    for (const header of FORWARDED) {
      const value = upstream.headers.get(header);
      if (value) res.setHeader(header, value);
    }
    if (!res.hasHeader('content-type')) res.setHeader('content-type', 'audio/wav');
    res.setHeader('cache-control', 'private, no-store');
    const body = Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream);
    await streamOut(res, () => pipeline(body, res));
  }
}
