import { DateTime } from 'luxon';

export interface IsoWeek {
  year: number;
  week: number;
  /** '2026-W47' */
  label: string;
}

export interface YearMonth {
  year: number;
  month: number;
  /** '2026-11' */
  label: string;
}

export interface InstantRange {
  /** inclusive */
  start: Date;
  /** exclusive */
  end: Date;
}

export interface LocalWeekdayAndMinute {
  /** ISO weekday: 1 = Monday .. 7 = Sunday */
  weekday: number;
  /** minutes since local midnight: 0..1439 */
  minute: number;
}

/** Wall-clock view of an instant; throws on an unknown zone so a typo never silently means UTC. */
export function localDateTime(at: Date, timeZone: string): DateTime<true> {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  if (!local.isValid) {
    throw new Error(`cannot view ${String(at)} in time zone "${timeZone}": ${local.invalidExplanation}`);
  }
  return local;
}

function startOfLocal(fields: Record<string, number>, timeZone: string): DateTime<true> {
  const local = DateTime.fromObject(fields, { zone: timeZone });
  if (!local.isValid) {
    throw new Error(
      `cannot build ${JSON.stringify(fields)} in time zone "${timeZone}": ${local.invalidExplanation}`,
    );
  }
  return local.startOf('day');
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function makeIsoWeek(year: number, week: number): IsoWeek {
  return { year, week, label: `${year}-W${pad2(week)}` };
}

function makeYearMonth(year: number, month: number): YearMonth {
  return { year, month, label: `${year}-${pad2(month)}` };
}

export function isoWeekOf(at: Date, timeZone: string): IsoWeek {
  const local = localDateTime(at, timeZone);
  return makeIsoWeek(local.weekYear, local.weekNumber);
}

export function weeksInIsoYear(year: number): number {
  // 28 December always lies in the last ISO week of its year.
  return DateTime.utc(year, 12, 28).weekNumber;
}

export function parseIsoWeek(label: string): IsoWeek | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > weeksInIsoYear(year)) return null;
  return makeIsoWeek(year, week);
}

/** Monday 00:00 local (inclusive) to the next Monday 00:00 local (exclusive). */
export function weekRange(week: Pick<IsoWeek, 'year' | 'week'>, timeZone: string): InstantRange {
  const start = startOfLocal({ weekYear: week.year, weekNumber: week.week, weekday: 1 }, timeZone);
  return { start: start.toJSDate(), end: start.plus({ weeks: 1 }).toJSDate() };
}

export function previousIsoWeek(at: Date, timeZone: string): IsoWeek {
  const lastWeek = localDateTime(at, timeZone).minus({ weeks: 1 });
  return makeIsoWeek(lastWeek.weekYear, lastWeek.weekNumber);
}

export function monthOf(at: Date, timeZone: string): YearMonth {
  const local = localDateTime(at, timeZone);
  return makeYearMonth(local.year, local.month);
}

export function parseMonth(label: string): YearMonth | null {
  const match = /^(\d{4})-(\d{2})$/.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return makeYearMonth(year, month);
}

/** First day 00:00 local (inclusive) to the next month's first day 00:00 local (exclusive). */
export function monthRange(month: Pick<YearMonth, 'year' | 'month'>, timeZone: string): InstantRange {
  const start = startOfLocal({ year: month.year, month: month.month, day: 1 }, timeZone);
  return { start: start.toJSDate(), end: start.plus({ months: 1 }).toJSDate() };
}

export function previousMonth(at: Date, timeZone: string): YearMonth {
  const lastMonth = localDateTime(at, timeZone).minus({ months: 1 });
  return makeYearMonth(lastMonth.year, lastMonth.month);
}

/**
 * From the first local day's 00:00 (inclusive) to the day after the last one (exclusive), for
 * 'YYYY-MM-DD' days; null when either is no calendar day (2026-02-30).
 */
export function dayRange(first: string, last: string, timeZone: string): InstantRange | null {
  const day = (text: string) => DateTime.fromFormat(text, 'yyyy-MM-dd', { zone: timeZone });
  const [start, end] = [day(first), day(last)];
  if (!start.isValid || !end.isValid) return null;
  return { start: start.toJSDate(), end: end.plus({ days: 1 }).toJSDate() };
}

/**
 * The calendar months ('YYYY-MM') a range covers exactly, from a month's first day to the first day
 * after a month; null when it starts or ends inside a month (a week, most ranges of days).
 */
export function wholeMonthsOf(range: InstantRange, timeZone: string): string[] | null {
  const months: string[] = [];
  let month = localDateTime(range.start, timeZone);
  if (month.toMillis() !== month.startOf('month').toMillis()) return null;
  for (; month.toJSDate() < range.end; month = month.plus({ months: 1 }))
    months.push(month.toFormat('yyyy-MM'));
  return month.toJSDate().getTime() === range.end.getTime() && months.length > 0 ? months : null;
}

/** The local calendar days a range covers, in order ('YYYY-MM-DD'). */
export function localDaysOf(range: InstantRange, timeZone: string): string[] {
  const days: string[] = [];
  for (
    let day = localDateTime(range.start, timeZone);
    day.toJSDate() < range.end;
    day = day.plus({ days: 1 })
  )
    days.push(day.toFormat('yyyy-MM-dd'));
  return days;
}

/** 'YYYY-MM-DD' of the instant's local calendar day. */
export function localDateOf(at: Date, timeZone: string): string {
  return localDateTime(at, timeZone).toFormat('yyyy-MM-dd');
}

export function localWeekdayAndMinute(at: Date, timeZone: string): LocalWeekdayAndMinute {
  const local = localDateTime(at, timeZone);
  return { weekday: local.weekday, minute: local.hour * 60 + local.minute };
}
