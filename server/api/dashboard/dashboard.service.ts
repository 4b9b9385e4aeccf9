import { DateTime } from 'luxon';
import { isoWeekOf, parseIsoWeek, weekRange } from '../../../core/domain/calendar';
import { issue, ValidationError } from '../../../core/errors';
import { aggregateUnitsOf } from '../../../core/tickets/confidentiality';
import { readerOf, type SessionUser } from '../auth/session-user';
import type { DashboardRepository } from './dashboard.repo';
import type { Dashboard } from './dashboard.schemas';

/** This week at a glance, for the user's units, in the organisation's time zone. */
export class DashboardService {
  constructor(
    private readonly repo: DashboardRepository,
    private readonly timeZone: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async week(user: SessionUser, label: string | undefined): Promise<Dashboard> {
    const now = this.now();
    const week = label === undefined ? isoWeekOf(now, this.timeZone) : parseIsoWeek(label);
    if (week === null) {
      throw new ValidationError('query', [issue('week', 'unknown-week', 'is not a week of that year')]);
    }
    const range = weekRange(week, this.timeZone);
    // Counts only: confidential tickets are counted, as the confidentiality rule allows.
    const unitIds = aggregateUnitsOf(readerOf(user));
    const scope = { ...range, unitIds, timeZone: this.timeZone, now };
    const [days, units, totals] = await Promise.all([
      this.repo.days(scope),
      this.repo.units(scope),
      this.repo.totals(scope),
    ]);
    const byDate = new Map(days.map((day) => [day.date, day]));
    const first = DateTime.fromJSDate(range.start, { zone: this.timeZone });
    const callsPerDay = Array.from({ length: 7 }, (_, offset) => {
      const date = first.plus({ days: offset }).toFormat('yyyy-MM-dd');
      return byDate.get(date) ?? { date, total: 0, answered: 0, missed: 0 };
    });
    return {
      week: week.label,
      from: range.start.toISOString(),
      to: range.end.toISOString(),
      callsPerDay,
      units,
      medianAnswerSeconds: totals.medianAnswerSeconds,
      openTickets: totals.openTickets,
      overdueTickets: totals.overdueTickets,
      ratings: { 1: totals.rating1, 2: totals.rating2, 3: totals.rating3 },
    };
  }
}
