import type { Knex } from 'knex';
import type { Logger } from '../../core/logger';
import { auditCutoff, auditMonthsAhead, expiredAuditMonths } from './audit-months';
import { AuditPartitionsRepository } from './audit-partitions.repo';
import { DailyRuns } from './daily-runs';

export interface AuditRetentionJobOptions {
  knex: Knex;
  logger: Logger;
  retentionMonths: number;
  timeZone: string;
  /** Default: every day at 03:45, after the recording retention. */
  cron?: string;
  now?: () => Date;
  /** A run soon after start creates this month's partition at once (default one minute). */
  catchUpAfterMs?: number;
}

export interface AuditRetentionRun {
  created: string[];
  dropped: string[];
  /** Audit rows removed: those of dropped months and old ones the default partition held. */
  rowsRemoved: number;
  /** Another instance held the lock: this one left the work to it. */
  skipped: boolean;
}

/** Month partitions are made this many months ahead, so a few missed runs never matter. */
const MONTHS_AHEAD = 2;

/**
 * Keeps audit_log's monthly partitions: creates the coming months' and drops those older than the
 * retention period, whole (no row-by-row delete, no bloat). Runs under an advisory lock, so every
 * instance may schedule it and the work is done once.
 */
export class AuditRetentionJob {
  private readonly runs: DailyRuns<AuditRetentionRun>;
  private readonly repo: AuditPartitionsRepository;
  private readonly now: () => Date;
  private readonly log: Logger;

  constructor(private readonly options: AuditRetentionJobOptions) {
    this.repo = new AuditPartitionsRepository(options.knex);
    this.now = options.now ?? (() => new Date());
    this.log = options.logger.child({ job: 'audit-retention' });
    this.runs = new DailyRuns(() => this.runOnce(), this.log);
  }

  start(): void {
    const expression = this.options.cron ?? '45 3 * * *';
    this.runs.start({
      cron: expression,
      timeZone: this.options.timeZone,
      name: 'audit-retention',
      catchUpAfterMs: this.options.catchUpAfterMs ?? 60_000,
    });
    this.log.info('audit retention scheduled', {
      cron: expression,
      retentionMonths: this.options.retentionMonths,
    });
  }

  stop(): Promise<void> {
    return this.runs.stop();
  }

  /** One run; a run already in progress is joined, not doubled. */
  run(): Promise<AuditRetentionRun> {
    return this.runs.run();
  }

  private async runOnce(): Promise<AuditRetentionRun> {
    const now = this.now();
    const cutoff = auditCutoff(now, this.options.retentionMonths);
    const outcome = await this.repo.underLock(async (repo) => {
      const existing = new Set(await repo.partitionNames());
      const missing = auditMonthsAhead(now, MONTHS_AHEAD).filter((month) => !existing.has(month.name));
      for (const month of missing) await repo.createMonth(month);
      const expired = expiredAuditMonths([...existing], cutoff);
      let rowsRemoved = 0;
      for (const month of expired) rowsRemoved += await repo.dropMonth(month);
      rowsRemoved += await repo.deleteDefaultBefore(cutoff);
      return {
        created: missing.map((month) => month.name),
        dropped: expired.map((month) => month.name),
        rowsRemoved,
      };
    });
    if (outcome === 'locked') return { created: [], dropped: [], rowsRemoved: 0, skipped: true };
    const run = { ...outcome, skipped: false };
    if (run.created.length + run.dropped.length + run.rowsRemoved > 0)
      this.log.info('audit retention run', { ...run, cutoff: cutoff.toISOString() });
    return run;
  }
}
