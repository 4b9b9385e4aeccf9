import { NotificationListener } from '../db/notification-listener';
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
 * Hears `roster_changed`, so a unit or roster edited through another instance reaches this one's
 * in-memory roster at once rather than at the next periodic refresh; refreshes after a reconnect,
 * since notifications sent while it was away are lost.
 */
export class RosterChangesListener {
  private readonly listener: NotificationListener;
  private pending: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: RosterChangesListenerOptions) {
    this.listener = new NotificationListener({
      url: options.url,
      logger: options.logger,
      channel: ROSTER_CHANNEL,
      maxBackoffMs: options.maxBackoffMs,
      onNotification: () => this.schedule(),
      onMissedNotifications: () => this.schedule(),
    });
  }

  start(): void {
    this.listener.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.pending);
    await this.listener.stop();
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
}
