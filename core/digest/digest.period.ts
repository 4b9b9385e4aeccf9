import {
  type IsoWeek,
  isoWeekOf,
  monthOf,
  monthRange,
  parseIsoWeek,
  parseMonth,
  previousIsoWeek,
  previousMonth,
  weekRange,
  type YearMonth,
} from '../domain/calendar';
import type { DigestKind, DigestPeriod } from './digest.types';

export function weeklyPeriod(week: IsoWeek, timeZone: string): DigestPeriod {
  const range = weekRange(week, timeZone);
  const before = previousIsoWeek(range.start, timeZone);
  return {
    kind: 'weekly',
    label: week.label,
    range,
    previous: { label: before.label, range: weekRange(before, timeZone) },
  };
}

export function monthlyPeriod(month: YearMonth, timeZone: string): DigestPeriod {
  const range = monthRange(month, timeZone);
  const before = previousMonth(range.start, timeZone);
  return {
    kind: 'monthly',
    label: month.label,
    range,
    previous: { label: before.label, range: monthRange(before, timeZone) },
  };
}

/** The period a label names ('2026-W47' weekly, '2026-10' monthly), or null when it names none. */
export function parsePeriod(kind: DigestKind, label: string, timeZone: string): DigestPeriod | null {
  if (kind === 'weekly') {
    const week = parseIsoWeek(label);
    return week ? weeklyPeriod(week, timeZone) : null;
  }
  const month = parseMonth(label);
  return month ? monthlyPeriod(month, timeZone) : null;
}

/** The period that ended most recently before `now`: last week, or last month. */
export function periodBefore(kind: DigestKind, now: Date, timeZone: string): DigestPeriod {
  return kind === 'weekly'
    ? weeklyPeriod(previousIsoWeek(now, timeZone), timeZone)
    : monthlyPeriod(previousMonth(now, timeZone), timeZone);
}

function currentPeriodStart(kind: DigestKind, now: Date, timeZone: string): Date {
  return kind === 'weekly'
    ? weekRange(isoWeekOf(now, timeZone), timeZone).start
    : monthRange(monthOf(now, timeZone), timeZone).start;
}

/**
 * The period whose digest is due at `now`: the previous one, once the schedule has fired at least
 * once since the current period began (Monday 06:00 is too early for a 07:30 digest). Used at
 * start-up to catch up on a digest the service was down for. `firedSince(start)` answers whether
 * the schedule fired between `start` and `now`.
 */
export function duePeriod(
  kind: DigestKind,
  now: Date,
  timeZone: string,
  firedSince: (start: Date) => boolean,
): DigestPeriod | null {
  return firedSince(currentPeriodStart(kind, now, timeZone)) ? periodBefore(kind, now, timeZone) : null;
}

/** When the service began: its installation, and the first ticket it holds (null: none yet). */
export interface ServiceStart {
  installedAt: Date | null;
  firstTicketAt: Date | null;
}

/**
 * Whether a period's digest is worth sending: only once it began after the installation and after
 * the first ticket, so a first start never mails reports of weeks before the system existed.
 */
export function isReportable(period: DigestPeriod, start: ServiceStart): boolean {
  const began = period.range.start.getTime();
  if (start.firstTicketAt === null || began < start.firstTicketAt.getTime()) return false;
  return start.installedAt === null || began >= start.installedAt.getTime();
}
