import WebSocket from 'ws';
import { WorkSlots } from '../../core/async/work-slots';
import type { Logger } from '../../core/logger';
import type { TelephonyEvent } from '../calls/telephony.port';
import { decodeAriEvent } from './ari.events';
import { ARI_REQUESTS_IN_FLIGHT, AriCommands } from './ari-commands';
import { AriHttp, basicAuthorization } from './ari-http';

export type AriState = 'connecting' | 'connected' | 'reconnecting' | 'stopped';

export interface AriConnectionOptions {
  url: string;
  username: string;
  password: string;
  app: string;
  logger: Logger;
  onEvent(event: TelephonyEvent): void;
  /**
   * Called each time the event stream is up, the first time too: after a restart Asterisk still
   * holds the calls of the instance that died, and sends no StasisStart for them again.
   */
  onConnected(): void;
  /** Asterisk gave the app to another websocket (ApplicationReplaced): this one gets no more calls. */
  onReplaced(): void;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Connect attempts that hang (EHOSTUNREACH...) are abandoned after this long. */
  connectTimeoutMs?: number;
  /** A REST command Asterisk has not answered by then fails (default 10 s). */
  commandTimeoutMs?: number;
  /** REST requests in flight at once (default ARI_REQUESTS_IN_FLIGHT); later ones wait their turn. */
  requestsInFlight?: number;
  /** A websocket that does not answer a ping within this long is treated as dead. */
  heartbeatMs?: number;
  /** How long a close this service starts waits for Asterisk's close frame before cutting the socket. */
  closeTimeoutMs?: number;
}

function eventsUrl(base: string, app: string): string {
  const url = new URL('/ari/events', base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('app', app);
  return url.toString();
}

/**
 * Owns the connection to Asterisk's ARI and keeps it alive forever: the event websocket, and the
 * REST client (ari-http.ts) whose commands work while that websocket is up. The connection is the
 * websocket's: its upgrade checks the credentials, and every attempt is bounded by a timeout, the
 * socket is watched with pings, and a lost connection starts over with capped backoff. (ari-client,
 * used before, gave up after ten retries (~45 s), could hang on some connect errors, loaded
 * Asterisk's api-docs on each connect and spent a quarter of the service's CPU at 20 calls/s.)
 */
export class AriConnection {
  readonly commands: AriCommands;
  private readonly rest: AriHttp;
  private socket: WebSocket | undefined;
  private currentState: AriState = 'connecting';
  private stopped = false;
  private lost: (() => void) | undefined;
  private hasConnectedBefore = false;
  private lastError: string | undefined;
  private connectedSince: Date | undefined;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly malformedTypesLogged = new Set<string>();

  constructor(private readonly options: AriConnectionOptions) {
    this.rest = new AriHttp({
      url: options.url,
      username: options.username,
      password: options.password,
      slots: new WorkSlots(options.requestsInFlight ?? ARI_REQUESTS_IN_FLIGHT),
      // Under load Asterisk's queues back up; its HTTP answers can lag, or never come.
      timeoutMs: options.commandTimeoutMs ?? 10_000,
    });
    this.commands = new AriCommands(
      () => (this.currentState === 'connected' ? this.rest : undefined),
      options.app,
    );
  }

  get state(): AriState {
    return this.currentState;
  }

  health(): {
    status: 'up' | 'down' | 'connecting';
    state: AriState;
    app: string;
    since?: string;
    error?: string;
  } {
    const status = this.currentState === 'connected' ? 'up' : this.hasConnectedBefore ? 'down' : 'connecting';
    return {
      status,
      state: this.currentState,
      app: this.options.app,
      ...(this.connectedSince && { since: this.connectedSince.toISOString() }),
      ...(this.lastError && status !== 'up' && { error: this.lastError }),
    };
  }

  /** Starts the supervised connection; after `stop()` has resolved it may be started again. */
  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.loop = this.supervise().finally(() => {
      this.loop = undefined;
    });
  }

  /** Closes the event websocket with a close frame (waiting for Asterisk's, briefly) and stops reconnecting. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.currentState = 'stopped';
    this.lost?.();
    this.wake?.();
    await this.loop;
    this.rest.close();
  }

  private async supervise(): Promise<void> {
    const initial = this.options.initialBackoffMs ?? 500;
    const max = this.options.maxBackoffMs ?? 10_000;
    let attempt = 0;
    while (!this.stopped) {
      try {
        await this.connectOnce();
        attempt = 0;
      } catch (error) {
        this.lastError = (error as Error).message;
        this.options.logger.warn('ARI connection failed', { error: this.lastError, attempt });
      }
      await this.teardown();
      if (this.stopped) break;
      this.currentState = this.hasConnectedBefore ? 'reconnecting' : 'connecting';
      await this.pause(Math.min(max, initial * 2 ** Math.min(attempt, 10)));
      attempt += 1;
    }
  }

  /** The backoff between attempts, cut short by `stop()`. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.wake = undefined;
    });
  }

  /** Resolves when an established connection is lost; rejects when it cannot be established. */
  private async connectOnce(): Promise<void> {
    const { url, username, password, app } = this.options;
    const timeoutMs = this.options.connectTimeoutMs ?? 10_000;
    const socket = new WebSocket(eventsUrl(url, app), {
      headers: { Authorization: basicAuthorization(username, password) },
      handshakeTimeout: timeoutMs,
    });
    this.socket = socket;
    const lostConnection = new Promise<void>((resolve) => {
      this.lost = resolve;
    });
    socket.on('message', (data) => this.dispatch(data.toString()));
    socket.on('close', (code, reason) => {
      this.lastError = `event websocket closed (${code}${reason.length > 0 ? ` ${reason.toString()}` : ''})`;
      this.lost?.();
    });
    await new Promise<void>((resolve, reject) => {
      // Connected from the open event itself: a StasisStart can follow in the same tick, and its
      // call's first command must not find the connection still "connecting".
      socket.once('open', () => {
        if (!this.stopped) this.markConnected();
        resolve();
      });
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`event websocket refused: HTTP ${response.statusCode}`)),
      );
    });
    socket.on('error', (error) => {
      this.lastError = error.message;
      this.lost?.();
    });
    if (this.stopped) return;
    const heartbeat = this.watchHeartbeat(socket);
    try {
      await lostConnection;
    } finally {
      clearInterval(heartbeat);
    }
  }

  private markConnected(): void {
    this.currentState = 'connected';
    this.connectedSince = new Date();
    this.options.logger.info('ARI connected', { app: this.options.app, reconnect: this.hasConnectedBefore });
    this.hasConnectedBefore = true;
    this.options.onConnected();
  }

  private watchHeartbeat(socket: WebSocket): NodeJS.Timeout {
    const everyMs = this.options.heartbeatMs ?? 15_000;
    let answered = true;
    socket.on('pong', () => {
      answered = true;
    });
    const timer = setInterval(() => {
      if (!answered) {
        this.lastError = `no pong within ${everyMs} ms`;
        this.lost?.();
        return;
      }
      answered = false;
      socket.ping();
    }, everyMs);
    timer.unref();
    return timer;
  }

  private dispatch(text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.options.logger.warn('ARI sent an event that is not JSON', { length: text.length });
      return;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      this.reportMalformed('(not an object)', `a JSON ${Array.isArray(raw) ? 'array' : typeof raw}`);
      return;
    }
    const fields = raw as Record<string, unknown>;
    if (fields.type === 'ApplicationReplaced') {
      this.options.logger.error('another process took over the ARI app; this instance stops taking calls', {
        app: this.options.app,
      });
      this.options.onReplaced();
      return;
    }
    const decoded = decodeAriEvent(fields);
    if (decoded.kind === 'malformed') this.reportMalformed(decoded.type, decoded.problem);
    if (decoded.kind !== 'event') return;
    try {
      this.options.onEvent(decoded.event);
    } catch (error) {
      this.options.logger.error('call flow failed to handle an ARI event', {
        type: decoded.event.type,
        error,
      });
    }
  }

  /** A malformed event is dropped; each type is logged once, so a faulty peer cannot flood the log. */
  private reportMalformed(type: string, problem: string): void {
    if (this.malformedTypesLogged.has(type)) return;
    this.malformedTypesLogged.add(type);
    this.options.logger.warn('ARI sent an event the call flow cannot read; dropped (logged once per type)', {
      type,
      problem,
    });
  }

  /**
   * A socket this service lets go of while it is still open (stop) is closed with a close frame,
   * so Asterisk sees the app leave rather than "Web socket closed abruptly"; one that failed (no
   * pong, an error, closed by Asterisk) has nobody left to answer a close and is cut at once.
   */
  private async teardown(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    this.lost = undefined;
    if (!socket) return;
    socket.removeAllListeners();
    socket.on('error', () => undefined);
    if (this.stopped && socket.readyState === WebSocket.OPEN) await this.closeCleanly(socket);
    else socket.terminate();
  }

  private async closeCleanly(socket: WebSocket): Promise<void> {
    const timeoutMs = this.options.closeTimeoutMs ?? 1000;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const cutOff = setTimeout(() => {
      this.options.logger.warn('Asterisk did not answer the websocket close; cutting it', { timeoutMs });
      socket.terminate();
    }, timeoutMs);
    socket.close(1000, 'hotline service stopping');
    await closed;
    clearTimeout(cutOff);
  }
}
