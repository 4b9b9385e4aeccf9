import { parse } from 'node-cron';
import { localDateTime } from '../../core/domain/calendar';

/** A cron expression as the catch-up needs it: the times of day it allows, and the full test of a minute. */
export interface CronTimes {
  /** Hours of the day the expression allows (node-cron's reading of the field). */
  hours: readonly number[];
  minutes: readonly number[];
  /** Whether the schedule fires at that minute: every field, in the schedule's time zone. */
  matches(minute: Date): boolean;
}

/** The hours and minutes node-cron reads in an expression that has passed its validation. */
export function cronTimesOf(expression: string, matches: (minute: Date) => boolean): CronTimes {
  const { hour, minute } = parse(expression);
  return { hours: hour, minutes: minute, matches };
}

/**
 * Whether the schedule fired at a whole minute from `from` to `to` (both included). Only the times
 * of day the expression allows are tried, latest first, day by day back from `to`: a month of
 * catch-up asks a daily schedule ~31 minutes instead of scanning 44,640.
 */
export function cronFiredBetween(cron: CronTimes, timeZone: string, from: Date, to: Date): boolean {
  const first = localDateTime(from, timeZone).startOf('day');
  const hours = [...cron.hours].sort((a, b) => b - a);
  const minutes = [...cron.minutes].sort((a, b) => b - a);
  for (let day = localDateTime(to, timeZone).startOf('day'); day >= first; day = day.minus({ days: 1 })) {
    for (const hour of hours) {
      for (const minute of minutes) {
        // A time a DST change skips comes out shifted; `matches` then judges the minute it names.
        const at = day.set({ hour, minute }).toJSDate();
        if (at <= to && at >= from && cron.matches(at)) return true;
      }
    }
  }
  return false;
}
