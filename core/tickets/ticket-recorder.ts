import { withTimeout } from '../async/with-timeout';
import { localDateTime } from '../domain/calendar';
import { maskPhone } from '../domain/phone';
import type { Logger } from '../logger';
import type { CallTicketWrite } from './call-ticket';
import type { CallTicketsRepository, StoredTicketRef } from './call-tickets.repo';
import type { TicketOutbox } from './ticket-outbox';

export interface TicketRecorderOptions {
  timeZone: string;
  /** A write the database has not confirmed by then goes to the outbox. */
  writeTimeoutMs?: number;
  replayIntervalMs?: number;
}

/** The IVR's side of ticket storage: it hands over writes and never waits for the database. */
export interface TicketSink {
  /** Queues a write; resolves with the stored ticket, or null when it went to the outbox. Never rejects. */
  record(write: CallTicketWrite): Promise<StoredTicketRef | null>;
}

/**
 * Writes each call's ticket to the database, one write at a time per call; a write that fails or
 * hangs goes to the durable outbox, which is replayed (idempotently: the channel id is the key)
 * on a timer until the database takes it.
 */
export class TicketRecorder implements TicketSink {
  private readonly chains = new Map<string, Promise<unknown>>();
  private replayTimer: NodeJS.Timeout | undefined;
  private replaying: Promise<void> | undefined;
  private readonly writeTimeoutMs: number;

  constructor(
    private readonly repo: CallTicketsRepository,
    private readonly outbox: TicketOutbox,
    private readonly logger: Logger,
    private readonly options: TicketRecorderOptions,
  ) {
    this.writeTimeoutMs = options.writeTimeoutMs ?? 3000;
  }

  record(write: CallTicketWrite): Promise<StoredTicketRef | null> {
    const channelId = write.snapshot.channelId;
    const previous = this.chains.get(channelId) ?? Promise.resolve();
    const next = previous.then(() => this.writeOne(write));
    this.chains.set(channelId, next);
    void next.finally(() => {
      if (this.chains.get(channelId) === next) this.chains.delete(channelId);
    });
    return next;
  }

  /** Writes still in flight (shutdown waits for them). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.chains.values()]);
  }

  startReplaying(): void {
    const interval = this.options.replayIntervalMs ?? 10_000;
    this.replayTimer = setInterval(() => void this.replayOutbox(), interval);
    this.replayTimer.unref();
    void this.replayOutbox();
  }

  stopReplaying(): void {
    clearInterval(this.replayTimer);
  }

  get outboxBacklog(): number {
    return this.outbox.knownBacklog;
  }

  /** One replay round at a time; returns when the outbox is empty or the database refused again. */
  replayOutbox(): Promise<void> {
    this.replaying ??= this.runReplay().finally(() => {
      this.replaying = undefined;
    });
    return this.replaying;
  }

  private async runReplay(): Promise<void> {
    if ((await this.outbox.backlog()) === 0) return;
    const result = await this.outbox.replay((write) => this.storeWithTimeout(write).then(() => undefined));
    if (result.replayed > 0 || result.rejected > 0) {
      this.logger.info('ticket outbox replayed', { replayed: result.replayed, rejected: result.rejected });
    }
    if (result.error) {
      this.logger.warn('ticket outbox replay stopped: database still refuses', {
        error: result.error.message,
        backlog: this.outbox.knownBacklog,
      });
    }
  }

  private storeWithTimeout(write: CallTicketWrite): Promise<StoredTicketRef> {
    const year = localDateTime(write.snapshot.receivedAt, this.options.timeZone).year;
    return withTimeout(
      this.repo.write(write, year),
      this.writeTimeoutMs,
      `ticket write for ${write.snapshot.channelId}`,
    );
  }

  private async writeOne(write: CallTicketWrite): Promise<StoredTicketRef | null> {
    const log = this.logger.child({ callId: write.snapshot.channelId });
    try {
      const stored = await this.storeWithTimeout(write);
      log.info('ticket written', {
        code: stored.code,
        version: write.snapshot.version,
        outcome: write.snapshot.outcome,
        caller: write.snapshot.callerNumber ? maskPhone(write.snapshot.callerNumber) : null,
      });
      return stored;
    } catch (error) {
      try {
        await this.outbox.append(write);
        log.warn('ticket write failed: kept in the outbox for replay', {
          error: (error as Error).message,
          outbox: this.outbox.location,
        });
      } catch (outboxError) {
        log.error('ticket write failed and the outbox refused it: facts lost', {
          error: (error as Error).message,
          outboxError: (outboxError as Error).message,
          write,
        });
      }
      return null;
    }
  }
}
