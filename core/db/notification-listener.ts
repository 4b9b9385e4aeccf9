import pg from 'pg';
import type { Logger } from '../logger';

export interface NotificationListenerOptions {
  url: string;
  logger: Logger;
  /** One of our own channel names (a plain SQL identifier), never user input. */
  channel: string;
  /** Each NOTIFY on the channel, with its payload. */
  onNotification(payload: string): void;
  /**
   * After a reconnect: notifications sent while the connection was down are lost, so whatever
   * they keep fresh must be reloaded or forgotten.
   */
  onMissedNotifications(): void;
  maxBackoffMs?: number;
}

/**
 * Keeps a dedicated PostgreSQL connection on `LISTEN channel`, so a change committed by another
 * instance (or a script, or a trigger) reaches this one at once. Reconnects with capped backoff.
 */
export class NotificationListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private attempt = 0;

  constructor(private readonly options: NotificationListenerOptions) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel === this.options.channel) this.options.onNotification(message.payload ?? '');
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`listen ${this.options.channel}`);
      if (this.attempt > 0) this.options.onMissedNotifications();
      this.attempt = 0;
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners();
    void client.end().catch(() => undefined);
    const delay = Math.min(this.options.maxBackoffMs ?? 30_000, 500 * 2 ** Math.min(this.attempt, 10));
    this.attempt += 1;
    this.options.logger.warn(`listener on ${this.options.channel} lost its connection; retrying`, {
      error: error.message,
      retryInMs: delay,
    });
    this.retry = setTimeout(() => void this.connect(), delay);
    this.retry.unref();
  }
}
