import cron, { type ScheduledTask } from 'node-cron';
import { duePeriod, periodBefore } from '../../core/digest/digest.period';
import type { DigestKind } from '../../core/digest/digest.types';
import type { Logger } from '../../core/logger';
import type { MailHealth } from '../mail/mail.health';
import { type CronTimes, cronFiredBetween, cronTimesOf } from './cron-fired';
import type { DigestSender, DigestSendResult } from './digest.sender';
import { errorMessage } from './retry.policy';

/** What the scheduler reports about each send attempt (the /metrics counters). */
export interface DigestMetrics {
  digestSent(kind: DigestKind, result: 'success' | 'failure'): void;
}

export interface DigestSchedulerOptions {
  sender: DigestSender;
  health: MailHealth;
  logger: Logger;
  timeZone: string;
  crons: Record<DigestKind, string>;
  /** How often due digests are checked again (catch-up and retries of a failed send). */
  sweepEveryMs?: number;
  now?: () => Date;
  metrics?: DigestMetrics;
}

const KINDS: readonly DigestKind[] = ['weekly', 'monthly'];

/**
 * Runs the weekly digest and the monthly report on their cron expressions, in the organisation's
 * time zone. Every instance may run one: the digests table and its claim make each period go out
 * once. At start and on every sweep it sends the last due period if it has not gone out yet, which
 * covers a service that was down at the scheduled time and a send that failed. A period that began
 * before the installation or the first ticket gets no digest.
 */
export class DigestScheduler {
  private readonly tasks = new Map<DigestKind, { task: ScheduledTask; times: CronTimes }>();
  /** Periods known to be finished (sent, or given up on): sweeps skip them without a query. */
  private readonly settled = new Map<DigestKind, string>();
  private readonly running = new Set<DigestKind>();
  /** Periods found due: once the schedule has fired in a period, the scan need not run again. */
  private readonly due = new Map<DigestKind, string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: DigestSchedulerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Schedules both kinds and starts catching up on whatever is due, without waiting for it (a slow
   * mail server must not hold the service's start-up); `caughtUp` resolves when that first sweep ends.
   */
  caughtUp: Promise<void> = Promise.resolve();

  start(): void {
    const { crons, timeZone, logger } = this.options;
    for (const kind of KINDS) {
      const task = cron.schedule(crons[kind], () => this.runDue(kind), {
        timezone: timeZone,
        name: `digest-${kind}`,
        noOverlap: true,
      });
      this.tasks.set(kind, { task, times: cronTimesOf(crons[kind], (minute) => task.match(minute)) });
    }
    logger.info('digest schedule started', { weekly: crons.weekly, monthly: crons.monthly, timeZone });
    this.caughtUp = this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.options.sweepEveryMs ?? 60_000);
    this.timer.unref();
  }

  async sweep(): Promise<void> {
    for (const kind of KINDS) await this.runDue(kind);
  }

  /** Sends the last due period of one kind unless it already went out; never throws. */
  async runDue(kind: DigestKind): Promise<DigestSendResult | null> {
    const scheduled = this.tasks.get(kind);
    if (!scheduled || this.running.has(kind)) return null;
    const { sender, health, logger } = this.options;
    const period = this.duePeriod(kind, scheduled.times);
    if (!period || this.settled.get(kind) === period.label) return null;
    this.running.add(kind);
    try {
      if (!(await sender.isReportable(period))) {
        logger.info('no digest for a period that began before the service', {
          digest: kind,
          period: period.label,
        });
        this.settled.set(kind, period.label);
        return { status: 'skipped', reason: 'before-service' };
      }
      const result = await sender.sendOnce(period);
      if (result.status === 'sent') this.options.metrics?.digestSent(kind, 'success');
      if (result.status === 'failed') this.options.metrics?.digestSent(kind, 'failure');
      const isFinished =
        result.status === 'sent' ||
        (result.status === 'skipped' && (result.reason === 'sent' || result.reason === 'gave-up'));
      if (isFinished) this.settled.set(kind, period.label);
      health.pendingRetries('digests', await sender.pendingRetries());
      return result;
    } catch (error) {
      logger.error('digest run failed', { digest: kind, period: period.label, error: errorMessage(error) });
      health.failed(`${kind} ${period.label}`, error, this.now());
      this.options.metrics?.digestSent(kind, 'failure');
      return { status: 'failed', error: errorMessage(error), attempts: 0 };
    } finally {
      this.running.delete(kind);
    }
  }

  private duePeriod(kind: DigestKind, times: CronTimes) {
    const now = this.now();
    const { timeZone } = this.options;
    const candidate = periodBefore(kind, now, timeZone);
    if (this.due.get(kind) === candidate.label) return candidate;
    const period = duePeriod(kind, now, timeZone, (start) => cronFiredBetween(times, timeZone, start, now));
    if (period) this.due.set(kind, period.label);
    return period;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.caughtUp;
    for (const { task } of this.tasks.values()) await task.destroy();
    this.tasks.clear();
  }
}
