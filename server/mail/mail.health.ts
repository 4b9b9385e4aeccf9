import type { ComponentHealth, HealthSource } from '../health';

/**
 * What /healthz says about outgoing mail, kept in memory: the senders report each attempt here and
 * the jobs report how many messages wait for a retry.
 */
export class MailHealth implements HealthSource {
  readonly name = 'mail';
  private lastSentAt: Date | undefined;
  private lastError: { at: Date; message: string; what: string } | undefined;
  private readonly pending = new Map<string, number>();

  constructor(private readonly transport: string) {}

  sent(at: Date): void {
    this.lastSentAt = at;
  }

  failed(what: string, error: unknown, at: Date): void {
    this.lastError = { at, what, message: error instanceof Error ? error.message : String(error) };
  }

  /** How many messages of one queue (digests, notifications) wait for a retry. */
  pendingRetries(queue: string, count: number): void {
    this.pending.set(queue, count);
  }

  health(): ComponentHealth {
    const pendingRetries = [...this.pending.values()].reduce((sum, count) => sum + count, 0);
    // Down while anything waits for a retry, or when the latest attempt of all failed; the last
    // error stays visible after recovery, with its time, for whoever looks into it.
    const isFailing =
      pendingRetries > 0 ||
      (this.lastError !== undefined &&
        (this.lastSentAt === undefined || this.lastError.at > this.lastSentAt));
    return {
      status: isFailing ? 'down' : 'up',
      transport: this.transport,
      lastSentAt: this.lastSentAt?.toISOString() ?? null,
      lastError: this.lastError
        ? { at: this.lastError.at.toISOString(), what: this.lastError.what, message: this.lastError.message }
        : null,
      pendingRetries,
    };
  }
}
