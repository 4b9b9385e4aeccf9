import type { Knex } from 'knex';
import { andIn, placeholders, rowsOf } from '../../../core/db/statement';
import { OPEN_STATUSES } from '../../../core/tickets/ticket-status';

export interface WeekScope {
  start: Date;
  end: Date;
  /** null: every unit. */
  unitIds: number[] | null;
  /** false: confidential complaints to the chairman are not counted (core/tickets/confidentiality). */
  includesLeaderOnly: boolean;
  timeZone: string;
  now: Date;
}

export interface DayRow {
  date: string;
  total: number;
  answered: number;
  missed: number;
}

export interface UnitRow {
  /** null: calls that reached no unit. */
  id: number | null;
  code: string | null;
  name: string | null;
  calls: number;
  answered: number;
  missed: number;
  voicemail: number;
  abandoned: number;
  medianAnswerSeconds: number | null;
}

export interface TotalsRow {
  medianAnswerSeconds: number | null;
  openTickets: number;
  overdueTickets: number;
  rating1: number;
  rating2: number;
  rating3: number;
}

/** `and not t.leader_only` where the reader's counts leave confidential complaints out. */
const complaintCondition = (scope: WeekScope) => (scope.includesLeaderOnly ? '' : ' and not t.leader_only');

/** Calls, answered, missed, voicemail, abandoned and the median wait of answered calls, over `column`. */
const outcomeCounts = (column: string) => `count(${column})::int as calls,
  count(${column}) filter (where t.outcome = 'answered')::int as answered,
  count(${column}) filter (where t.outcome = 'missed')::int as missed,
  count(${column}) filter (where t.outcome = 'voicemail')::int as voicemail,
  count(${column}) filter (where t.outcome = 'abandoned')::int as abandoned,
  percentile_cont(0.5) within group (order by t.wait_seconds) filter (where t.outcome = 'answered') as median`;

const OPEN_IN = `t.status in (${placeholders(OPEN_STATUSES)})`;

const medianOf = (median: unknown): number | null =>
  median === null || median === undefined ? null : Number(median);

/**
 * A period's aggregates, computed by PostgreSQL in grouped queries over the time indexes. The
 * statements are written out rather than built with knex's query builder, which a request would
 * compile again each time (five statements per dashboard; see the README's admin benchmark).
 */
export class DashboardRepository {
  constructor(private readonly knex: Knex) {}

  private async rows<T>(sql: string, bindings: unknown[]): Promise<T[]> {
    return (await rowsOf(this.knex, { sql, bindings })) as T[];
  }

  days(scope: WeekScope): Promise<DayRow[]> {
    const units = andIn('t.unit_id', scope.unitIds);
    return this.rows<DayRow>(
      `select to_char(t.received_at at time zone ?, 'YYYY-MM-DD') as date, count(*)::int as total,
         count(*) filter (where t.outcome = 'answered')::int as answered,
         count(*) filter (where t.outcome = 'missed')::int as missed
       from tickets as t
       where t.received_at >= ? and t.received_at < ?${units.sql}${complaintCondition(scope)}
       group by 1 order by 1`,
      [scope.timeZone, scope.start, scope.end, ...units.bindings],
    );
  }

  /** Every unit in scope, then (for a user who sees every unit) the calls that reached none, if any. */
  async units(scope: WeekScope): Promise<UnitRow[]> {
    const [units, unassigned] = await Promise.all([
      this.unitsOnly(scope),
      scope.unitIds === null ? this.unassigned(scope) : Promise.resolve(undefined),
    ]);
    return unassigned && unassigned.calls > 0 ? [...units, unassigned] : units;
  }

  private async unassigned(scope: WeekScope): Promise<UnitRow | undefined> {
    const [row] = await this.rows<
      Omit<UnitRow, 'id' | 'code' | 'name' | 'medianAnswerSeconds'> & { median: unknown }
    >(
      `select ${outcomeCounts('t.id')}
       from tickets as t
       where t.unit_id is null and t.received_at >= ? and t.received_at < ?${complaintCondition(scope)}`,
      [scope.start, scope.end],
    );
    if (!row) return undefined;
    const { median, ...counts } = row;
    return { id: null, code: null, name: null, ...counts, medianAnswerSeconds: medianOf(median) };
  }

  private async unitsOnly(scope: WeekScope): Promise<UnitRow[]> {
    const units = andIn('u.id', scope.unitIds);
    const rows = await this.rows<Omit<UnitRow, 'medianAnswerSeconds'> & { median: unknown }>(
      `select u.id, u.code, u.name, ${outcomeCounts('t.id')}
       from units as u
       left join tickets as t on t.unit_id = u.id and t.received_at >= ? and t.received_at < ?${complaintCondition(scope)}
       where true${units.sql}
       group by u.id, u.code, u.name
       order by length(u.code), u.code`,
      [scope.start, scope.end, ...units.bindings],
    );
    return rows.map(({ median, ...row }) => ({ ...row, medianAnswerSeconds: medianOf(median) }));
  }

  async totals(scope: WeekScope): Promise<TotalsRow> {
    const units = andIn('t.unit_id', scope.unitIds);
    const [[weekRow], [openRow]] = await Promise.all([
      this.rows<{ median: unknown; rating1: number; rating2: number; rating3: number }>(
        `select percentile_cont(0.5) within group (order by t.wait_seconds)
             filter (where t.outcome = 'answered') as median,
           count(*) filter (where t.rating = 1)::int as rating1,
           count(*) filter (where t.rating = 2)::int as rating2,
           count(*) filter (where t.rating = 3)::int as rating3
         from tickets as t
         where t.received_at >= ? and t.received_at < ?${units.sql}${complaintCondition(scope)}`,
        [scope.start, scope.end, ...units.bindings],
      ),
      // Open work is not bound to the week: what is still waiting, whenever the call came in.
      this.rows<{ open: number; overdue: number }>(
        `select count(*)::int as open, count(*) filter (where t.due_at < ?)::int as overdue
         from tickets as t
         where ${OPEN_IN}${units.sql}${complaintCondition(scope)}`,
        [scope.now, ...OPEN_STATUSES, ...units.bindings],
      ),
    ]);
    return {
      medianAnswerSeconds: medianOf(weekRow?.median),
      openTickets: openRow?.open ?? 0,
      overdueTickets: openRow?.overdue ?? 0,
      rating1: weekRow?.rating1 ?? 0,
      rating2: weekRow?.rating2 ?? 0,
      rating3: weekRow?.rating3 ?? 0,
    };
  }
}
