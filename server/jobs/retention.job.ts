import type { Knex } from 'knex';
import type { Logger } from '../../core/logger';
import type { DeleteResult, RecordingStore } from '../../core/tickets/recording-store.port';
import { DailyRuns } from './daily-runs';
import { type ExpiringMedia, RetentionRepository } from './retention.repo';
import { errorMessage } from './retry.policy';

/** Where stored audio is deleted: the recording store (none without ARI). */
export type StoredAudio = Pick<RecordingStore, 'delete'>;

export interface RetentionJobOptions {
  knex: Knex;
  /** Without one (no ARI_URL) there is no Asterisk to delete from: only photos are expired. */
  audio?: StoredAudio;
  logger: Logger;
  retentionDays: number;
  timeZone: string;
  /** Default: every day at 03:15, a quiet hour for the PBX. */
  cron?: string;
  batchSize?: number;
  now?: () => Date;
  /**
   * A run soon after start catches up on a night the service was down; it waits this long so it
   * does not compete with start-up (default one minute).
   */
  catchUpAfterMs?: number;
}

export interface RetentionRun {
  deleted: number;
  alreadyGone: number;
  failed: number;
  /** Photos whose bytes were deleted from ticket_photos. */
  photos: number;
  /** Another instance held the lock: this one left the work to it. */
  skipped: boolean;
}

const DAY_MS = 24 * 3600_000;

/**
 * Deletes recordings and voicemails older than the retention period from Asterisk, and the photos
 * citizens sent as long ago from the database, and marks their tickets; the tickets themselves are
 * never deleted. Batches run under an advisory lock, so several
 * instances may schedule it and the work is done once. A file Asterisk cannot delete now stays
 * unmarked and is tried again on the next run.
 */
export class RetentionJob {
  private readonly runs: DailyRuns<RetentionRun>;
  private readonly repo: RetentionRepository;
  private readonly now: () => Date;
  private readonly log: Logger;

  constructor(private readonly options: RetentionJobOptions) {
    this.repo = new RetentionRepository(options.knex);
    this.now = options.now ?? (() => new Date());
    this.log = options.logger.child({ job: 'retention' });
    this.runs = new DailyRuns(() => this.runAll(), this.log);
  }

  start(): void {
    const expression = this.options.cron ?? '15 3 * * *';
    this.runs.start({
      cron: expression,
      timeZone: this.options.timeZone,
      name: 'recording-retention',
      catchUpAfterMs: this.options.catchUpAfterMs ?? 60_000,
    });
    this.log.info('recording retention scheduled', {
      cron: expression,
      retentionDays: this.options.retentionDays,
    });
  }

  stop(): Promise<void> {
    return this.runs.stop();
  }

  /** One run over everything due; a run already in progress is joined, not doubled. */
  run(): Promise<RetentionRun> {
    return this.runs.run();
  }

  private async runAll(): Promise<RetentionRun> {
    const cutoff = new Date(this.now().getTime() - this.options.retentionDays * DAY_MS);
    const total: RetentionRun = { deleted: 0, alreadyGone: 0, failed: 0, photos: 0, skipped: false };
    if (this.options.audio) await this.expireAudio(this.options.audio, cutoff, total);
    await this.expirePhotos(cutoff, total);
    if (total.deleted + total.alreadyGone + total.failed + total.photos > 0 || total.skipped)
      this.log.info('recording retention run', { ...total, cutoff: cutoff.toISOString() });
    return total;
  }

  private async expireAudio(audio: StoredAudio, cutoff: Date, total: RetentionRun): Promise<void> {
    const failedNames = new Set<string>();
    for (;;) {
      const batch = await this.repo.underLock((repo) => this.runBatch(repo, audio, cutoff, failedNames));
      if (batch === 'locked') {
        total.skipped = true;
        return;
      }
      total.deleted += batch.deleted;
      total.alreadyGone += batch.alreadyGone;
      total.failed += batch.failed;
      if (batch.deleted + batch.alreadyGone === 0) return;
    }
  }

  private async expirePhotos(cutoff: Date, total: RetentionRun): Promise<void> {
    const batchSize = this.options.batchSize ?? 200;
    for (;;) {
      const expired = await this.repo.underLock((repo) =>
        repo.expirePhotos(cutoff, this.now(), this.options.retentionDays, batchSize),
      );
      if (expired === 'locked') {
        total.skipped = true;
        return;
      }
      total.photos += expired;
      if (expired < batchSize) return;
    }
  }

  private async runBatch(
    repo: RetentionRepository,
    audio: StoredAudio,
    cutoff: Date,
    failedNames: Set<string>,
  ) {
    const counts = { deleted: 0, alreadyGone: 0, failed: 0 };
    const batchSize = this.options.batchSize ?? 200;
    // Files that failed in this run are left for the next run, so the loop ends.
    const due = (await repo.expiring(cutoff, batchSize + failedNames.size)).filter(
      (media) => !failedNames.has(media.name),
    );
    for (const media of due.slice(0, batchSize)) {
      const result = await this.deleteOne(audio, media);
      if (result === 'failed') {
        failedNames.add(media.name);
        counts.failed += 1;
        continue;
      }
      await repo.markExpired(media, result === 'already-gone', this.now(), this.options.retentionDays);
      if (result === 'deleted') counts.deleted += 1;
      else counts.alreadyGone += 1;
    }
    return counts;
  }

  private async deleteOne(audio: StoredAudio, media: ExpiringMedia): Promise<DeleteResult | 'failed'> {
    try {
      return await audio.delete(media.name);
    } catch (error) {
      this.log.warn('stored audio could not be deleted; it is tried again on the next run', {
        ticketId: media.ticketId,
        media: media.kind,
        name: media.name,
        error: errorMessage(error),
      });
      return 'failed';
    }
  }
}
