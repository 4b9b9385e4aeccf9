import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../../core/logger';
import { errorMessage } from './retry.policy';

export interface DailySchedule {
  /** Cron expression in `timeZone`, e.g. '15 3 * * *'. */
  cron: string;
  timeZone: string;
  /** The task's name for node-cron, and the log's words for a failed run. */
  name: string;
  /** The first run after start, which catches up a night the service was down. */
  catchUpAfterMs: number;
}

/**
 * A job run every day at its hour and once soon after start. A run already in progress is joined,
 * not doubled; a scheduled run that fails is logged and left to the next one.
 */
export class DailyRuns<T> {
  private task: ScheduledTask | undefined;
  private catchUp: NodeJS.Timeout | undefined;
  private running: Promise<T> | undefined;

  constructor(
    private readonly runOnce: () => Promise<T>,
    private readonly log: Logger,
  ) {}

  start(schedule: DailySchedule): void {
    const scheduled = () =>
      void this.run().catch((error: unknown) => {
        this.log.error(`${schedule.name} run failed; the next run tries again`, {
          error: errorMessage(error),
        });
      });
    this.task = cron.schedule(schedule.cron, scheduled, {
      timezone: schedule.timeZone,
      name: schedule.name,
      noOverlap: true,
    });
    this.catchUp = setTimeout(scheduled, schedule.catchUpAfterMs);
    this.catchUp.unref();
  }

  run(): Promise<T> {
    this.running ??= this.runOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    clearTimeout(this.catchUp);
    await this.task?.destroy();
    await this.running?.catch(() => undefined);
  }
}
