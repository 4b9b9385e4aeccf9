import {
  dayRange,
  type InstantRange,
  isoWeekOf,
  localDateOf,
  localDaysOf,
  monthRange,
  parseIsoWeek,
  parseMonth,
  weekRange,
} from '../../../core/domain/calendar';
import { issue, ValidationError } from '../../../core/errors';
import { aggregateScopeOf } from '../../../core/tickets/confidentiality';
import { RATED_SHARE_TARGET } from '../../../core/tickets/desk-ratings';
import type { RatingsTableRepository } from '../../../core/tickets/ratings-table.repo';
import { readerOf, type SessionUser } from '../auth/session-user';
import type { DashboardRepository } from './dashboard.repo';
import { type Dashboard, type DashboardQuery, MAX_RANGE_DAYS } from './dashboard.schemas';

type Period = Dashboard['period'];

const DAY_MS = 86_400_000;

/** A week, a month or a range of days at a glance, for the user's units, in the organisation's time zone. */
export class DashboardService {
  constructor(
    private readonly repo: DashboardRepository,
    private readonly ratings: RatingsTableRepository,
    private readonly timeZone: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async overview(user: SessionUser, query: DashboardQuery): Promise<Dashboard> {
    const now = this.now();
    const { kind, label, range } = this.periodOf(query, now);
    // Counts only: confidential tickets are counted, complaints to the chairman only where they exist.
    const { unitIds, includesLeaderOnly } = aggregateScopeOf(readerOf(user));
    const scope = { ...range, unitIds, includesLeaderOnly, timeZone: this.timeZone, now };
    const [days, units, totals, ratingsByUnit] = await Promise.all([
      this.repo.days(scope),
      this.repo.units(scope),
      this.repo.totals(scope),
      this.ratings.build({ range, unitIds, timeZone: this.timeZone }),
    ]);
    const byDate = new Map(days.map((day) => [day.date, day]));
    const today = localDateOf(now, this.timeZone);
    const dates = localDaysOf(range, this.timeZone);
    const callsPerDay = dates.map(
      (date) =>
        byDate.get(date) ??
        (date > today
          ? { date, total: null, answered: null, missed: null }
          : { date, total: 0, answered: 0, missed: 0 }),
    );
    const period: Period = { kind, label, firstDay: dates[0] ?? today, lastDay: dates.at(-1) ?? today };
    return {
      period,
      from: range.start.toISOString(),
      to: range.end.toISOString(),
      asOf: now.toISOString(),
      callsPerDay,
      units,
      medianAnswerSeconds: totals.medianAnswerSeconds,
      openTickets: totals.openTickets,
      overdueTickets: totals.overdueTickets,
      ratings: { 1: totals.rating1, 2: totals.rating2, 3: totals.rating3 },
      ratingsByUnit: { target: RATED_SHARE_TARGET, ...ratingsByUnit },
    };
  }

  private periodOf(
    query: DashboardQuery,
    now: Date,
  ): { kind: Period['kind']; label: string; range: InstantRange } {
    const tz = this.timeZone;
    if (query.month !== undefined) {
      const month = parseMonth(query.month);
      if (month) return { kind: 'month', label: month.label, range: monthRange(month, tz) };
    }
    if (query.from !== undefined && query.to !== undefined) {
      const range = dayRange(query.from, query.to, tz);
      if (!range) {
        throw new ValidationError('query', [issue('from', 'invalid-format', 'is not a calendar day')]);
      }
      if (range.end <= range.start) {
        throw new ValidationError('query', [issue('to', 'ends-before-start', 'must not be before from')]);
      }
      if (range.end.getTime() - range.start.getTime() > MAX_RANGE_DAYS * DAY_MS) {
        throw new ValidationError('query', [
          issue('to', 'too-big', `the range may span at most ${MAX_RANGE_DAYS} days`, {
            max: MAX_RANGE_DAYS,
          }),
        ]);
      }
      return { kind: 'range', label: `${query.from}..${query.to}`, range };
    }
    const week = query.week === undefined ? isoWeekOf(now, tz) : parseIsoWeek(query.week);
    if (week === null) {
      throw new ValidationError('query', [issue('week', 'unknown-week', 'is not a week of that year')]);
    }
    return { kind: 'week', label: week.label, range: weekRange(week, tz) };
  }
}
