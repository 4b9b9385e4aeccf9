import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Up to 4 MB (the OpenAPI document, an export); a streamed answer (server-sent events) is cut after its headers. */
  body: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

const BODY_KEPT_BYTES = 4 * 1024 * 1024;
const REQUEST_TIMEOUT_MS = 15_000;

/** One request exactly as given (node:http leaves a malformed path or header alone). */
export function send(baseUrl: string, raw: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: raw.method,
        path: raw.path,
        headers:
          raw.body === undefined
            ? raw.headers
            : { ...raw.headers, 'content-length': Buffer.byteLength(raw.body) },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const finish = () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        if (String(res.headers['content-type']).startsWith('text/event-stream')) {
          res.destroy();
          finish();
          return;
        }
        res.on('data', (chunk: Buffer) => {
          if (kept < BODY_KEPT_BYTES) chunks.push(chunk.subarray(0, BODY_KEPT_BYTES - kept));
          kept += chunk.length;
        });
        res.on('end', finish);
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(raw.body);
  });
}
