import ari, { type Client } from 'ari-client';
import type { Logger } from '../../core/logger';
import type { TelephonyEvent } from '../calls/telephony.port';
import { toTelephonyEvent } from './ari.events';
import { AriCommands } from './ari-commands';

export type AriState = 'connecting' | 'connected' | 'reconnecting' | 'stopped';

export interface AriConnectionOptions {
  url: string;
  username: string;
  password: string;
  app: string;
  logger: Logger;
  onEvent(event: TelephonyEvent): void;
  /** Called after the event stream came back, so the call flow can reconcile what it missed. */
  onReconnected(): void;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Connect attempts that hang (EHOSTUNREACH...) are abandoned after this long. */
  connectTimeoutMs?: number;
  /** A websocket that does not answer a ping within this long is treated as dead. */
  heartbeatMs?: number;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The untyped part of ari-client we use: its event emitter and socket control. */
interface AriSocket {
  on(event: string, listener: (...args: never[]) => void): unknown;
  removeAllListeners(): unknown;
  ping(): void;
  stop(): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Owns the ari-client connection and keeps it alive forever: ari-client alone gives up after ten
 * websocket retries (~45 s) and can hang on some connect errors, so this supervisor wraps every
 * attempt in a timeout, watches the socket with pings, and starts over with capped backoff.
 * Events are taken once from ari-client's '*' stream and never through per-channel listeners,
 * which ari-client would keep after the channel is gone.
 */
export class AriConnection {
  readonly commands: AriCommands;
  private client: Client | undefined;
  private currentState: AriState = 'connecting';
  private stopped = false;
  private lost: (() => void) | undefined;
  private hasConnectedBefore = false;
  private lastError: string | undefined;
  private connectedSince: Date | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: AriConnectionOptions) {
    this.commands = new AriCommands(
      () => (this.currentState === 'connected' ? this.client : undefined),
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

  start(): void {
    this.loop ??= this.supervise();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.currentState = 'stopped';
    this.lost?.();
    await this.loop;
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
      this.teardown();
      if (this.stopped) break;
      this.currentState = this.hasConnectedBefore ? 'reconnecting' : 'connecting';
      await sleep(Math.min(max, initial * 2 ** Math.min(attempt, 10)));
      attempt += 1;
    }
  }

  /** Resolves when an established connection is lost; rejects when it cannot be established. */
  private async connectOnce(): Promise<void> {
    const { url, username, password, app, logger } = this.options;
    const timeoutMs = this.options.connectTimeoutMs ?? 10_000;
    const client = await withTimeout(
      ari.connect(url, username, password),
      timeoutMs,
      'loading the ARI api-docs',
    );
    this.client = client;
    const socket = client as unknown as AriSocket;
    const lostConnection = new Promise<void>((resolve) => {
      this.lost = resolve;
    });
    socket.on('*', (raw: Record<string, unknown>) => this.dispatch(raw));
    socket.on('WebSocketReconnecting', (error?: Error) => {
      this.currentState = 'reconnecting';
      logger.warn('ARI websocket lost; ari-client retrying', { error: error?.message });
    });
    socket.on('WebSocketConnected', () => this.markConnected());
    socket.on('WebSocketMaxRetries', () => this.lost?.());
    socket.on('APILoadError', () => this.lost?.());
    await withTimeout(client.start(app), timeoutMs, 'opening the ARI websocket');
    this.markConnected();
    const heartbeat = this.watchHeartbeat(socket);
    try {
      await lostConnection;
    } finally {
      clearInterval(heartbeat);
    }
  }

  private markConnected(): void {
    const wasDown = this.currentState !== 'connected';
    this.currentState = 'connected';
    this.connectedSince = new Date();
    if (!wasDown) return;
    this.options.logger.info('ARI connected', { app: this.options.app, reconnect: this.hasConnectedBefore });
    if (this.hasConnectedBefore) this.options.onReconnected();
    this.hasConnectedBefore = true;
  }

  private watchHeartbeat(client: AriSocket): NodeJS.Timeout {
    const everyMs = this.options.heartbeatMs ?? 15_000;
    let answered = true;
    client.on('pong', () => {
      answered = true;
    });
    const timer = setInterval(() => {
      if (this.currentState !== 'connected') return;
      if (!answered) {
        this.lastError = `no pong within ${everyMs} ms`;
        this.lost?.();
        return;
      }
      answered = false;
      client.ping();
    }, everyMs);
    timer.unref();
    return timer;
  }

  private dispatch(raw: Record<string, unknown>): void {
    if (raw.type === 'ApplicationReplaced') {
      this.options.logger.error('another process took over the ARI app; this instance stops taking calls', {
        app: this.options.app,
      });
      return;
    }
    const event = toTelephonyEvent(raw);
    if (!event) return;
    this.options.logger.debug('ari event', { type: event.type });
    try {
      this.options.onEvent(event);
    } catch (error) {
      this.options.logger.error('call flow failed to handle an ARI event', { type: event.type, error });
    }
  }

  private teardown(): void {
    const socket = this.client as unknown as AriSocket | undefined;
    this.client = undefined;
    this.lost = undefined;
    if (!socket) return;
    socket.removeAllListeners();
    try {
      socket.stop();
    } catch {
      // The socket may never have opened; there is nothing left to close.
    }
  }
}
