import http from 'node:http';
import https from 'node:https';
import { withTimeout } from '../../core/async/with-timeout';
import type { WorkSlots } from '../../core/async/work-slots';

/**
 * A query parameter as ARI takes it: a list (media, appArgs, channel) goes comma-separated, an
 * undefined value is left out.
 */
export type AriQuery = Record<string, string | number | boolean | readonly string[] | undefined>;

/** Asterisk refused a request (`status` set) or could not be reached; says which request and why. */
export class AriHttpError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number | undefined,
    /** Asterisk's own words (`{"message": ...}`), or the transport's error. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${method} ${path}: ${status === undefined ? reason : `${status} ${reason}`}`, options);
    this.name = 'AriHttpError';
  }
}

/** Asterisk's message in an error answer (`{"message": ...}`), or the body as it came (a proxy's page). */
export function asteriskMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON: the text as it came.
  }
  return body;
}

/** The Authorization header of ARI's HTTP basic auth, for its REST calls, websocket and stored recordings. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export interface AriHttpOptions {
  /** Asterisk's HTTP server, e.g. http://127.0.0.1:8088. */
  url: string;
  username: string;
  password: string;
  /**
   * Requests in flight at once; the rest wait their turn (the time limit counts the wait). Each
   * holds one of Asterisk's HTTP sessions (http.conf `sessionlimit`, 100 by default), and Asterisk
   * closes a connection beyond them unanswered.
   */
  slots: WorkSlots;
  /** A request Asterisk has not answered by then fails, and its connection is closed. */
  timeoutMs: number;
}

/**
 * An idle keep-alive connection is closed after this long, well before Asterisk's own idle limit
 * (http.conf `session_keep_alive`, 15 s by default), so a request never goes out on a connection
 * Asterisk is closing.
 */
const IDLE_SOCKET_MS = 5000;

/**
 * ARI's REST interface over node:http: a keep-alive agent (one TCP connection per request in
 * flight, reused), JSON answers, errors that name the request and carry Asterisk's message. It
 * replaces ari-client's swagger-built operations, which cost a quarter of the service's CPU at 20
 * calls/s on a real Asterisk.
 */
export class AriHttp {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly authorization: string;
  private readonly send: typeof http.request;

  constructor(private readonly options: AriHttpOptions) {
    // A base with a path (Asterisk behind a proxy at /asterisk/) keeps it: paths are resolved under it.
    this.base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
    const isHttps = this.base.protocol === 'https:';
    const agentOptions = { keepAlive: true, maxSockets: options.slots.size, timeout: IDLE_SOCKET_MS };
    this.agent = isHttps ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.send = isHttps ? https.request : http.request;
    this.authorization = basicAuthorization(options.username, options.password);
  }

  /**
   * `method /ari{path}` with `query`; resolves with the JSON answer (undefined for 204). `path` is
   * given with its ids already encoded (see `ariPath`).
   */
  request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, query: AriQuery = {}): Promise<T> {
    const abandoned = new AbortController();
    return withTimeout(
      this.options.slots.run(() => this.exchange<T>(method, path, query, abandoned.signal), abandoned.signal),
      this.options.timeoutMs,
      `ARI ${method} ${path}`,
      () => abandoned.abort(new Error(`ARI ${method} ${path} abandoned`)),
    );
  }

  /** Closes every connection, idle or in use (the service is stopping). */
  close(): void {
    this.agent.destroy();
  }

  private exchange<T>(method: string, path: string, query: AriQuery, signal: AbortSignal): Promise<T> {
    const url = new URL(`ari${path}`, this.base);
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      url.searchParams.set(name, Array.isArray(value) ? value.join(',') : String(value));
    }
    return new Promise<T>((resolve, reject) => {
      const failed = (error: Error) =>
        reject(new AriHttpError(method, path, undefined, error.message, { cause: error }));
      const request = this.send(
        url,
        {
          method,
          agent: this.agent,
          signal,
          headers: { authorization: this.authorization, accept: 'application/json' },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', failed);
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            const body = Buffer.concat(chunks).toString('utf8');
            if (status < 200 || status >= 300) {
              reject(
                new AriHttpError(
                  method,
                  path,
                  status,
                  asteriskMessage(body) || (response.statusMessage ?? ''),
                ),
              );
              return;
            }
            if (body === '') return resolve(undefined as T);
            try {
              resolve(JSON.parse(body) as T);
            } catch (error) {
              reject(new AriHttpError(method, path, status, 'the answer is not JSON', { cause: error }));
            }
          });
        },
      );
      request.on('error', failed);
      request.end();
    });
  }
}

/** An ARI path with each id encoded as one segment: ariPath`/channels/${id}/dial`. */
export function ariPath(strings: TemplateStringsArray, ...ids: string[]): string {
  return strings.reduce(
    (path, part, index) => path + part + (index < ids.length ? encodeURIComponent(ids[index] as string) : ''),
    '',
  );
}
