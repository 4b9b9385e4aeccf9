import pg from 'pg';
import type { Logger } from '../logger';

export const ROSTER_CHANNEL = 'roster_changed';

export interface RosterChangesListenerOptions {
  url: string;
  logger: Logger;
  /** Called once per burst of notifications (a grid save sends several). */
  onChange(): Promise<void>;
  coalesceMs?: number;
  maxBackoffMs?: number;
}

/**
 * Keeps a dedicated PostgreSQL connection on `LISTEN roster_changed`, so a unit or roster edited
 * through another instance reaches this one's in-memory roster at once rather than at the next
 * periodic refresh. Reconnects with capped backoff and refreshes after each reconnect, since
 * notifications sent while it was away are lost.
 */
export class RosterChangesListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private pending: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private attempt = 0;

  constructor(private readonly options: RosterChangesListenerOptions) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.pending);
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url });
    this.client = client;
    client.on('notification', () => this.schedule());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`listen ${ROSTER_CHANNEL}`);
      if (this.attempt > 0) this.schedule();
      this.attempt = 0;
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  private schedule(): void {
    if (this.pending || this.stopped) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.options
        .onChange()
        .catch((error: Error) =>
          this.options.logger.warn('roster refresh after a change notice failed', { error: error.message }),
        );
    }, this.options.coalesceMs ?? 200);
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners();
    void client.end().catch(() => undefined);
    const delay = Math.min(this.options.maxBackoffMs ?? 30_000, 500 * 2 ** Math.min(this.attempt, 10));
    this.attempt += 1;
    this.options.logger.warn('roster change listener lost its connection; retrying', {
      error: error.message,
      retryInMs: delay,
    });
    this.retry = setTimeout(() => void this.connect(), delay);
    this.retry.unref();
  }
}
