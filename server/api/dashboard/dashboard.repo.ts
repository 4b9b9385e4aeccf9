import type { Knex } from 'knex';
import { OPEN_STATUSES } from '../../../core/tickets/ticket-status';

export interface WeekScope {
  start: Date;
  end: Date;
  /** null: every unit. */
  unitIds: number[] | null;
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

/** A period's aggregates, computed by PostgreSQL in grouped queries over the time indexes. */
export class DashboardRepository {
  constructor(private readonly knex: Knex) {}

  private scoped(builder: Knex.QueryBuilder, column: string, unitIds: number[] | null): Knex.QueryBuilder {
    return unitIds === null ? builder : builder.whereIn(column, unitIds);
  }

  async days(scope: WeekScope): Promise<DayRow[]> {
    const query = this.knex('tickets')
      .where('received_at', '>=', scope.start)
      .andWhere('received_at', '<', scope.end)
      .select(this.knex.raw("to_char(received_at at time zone ?, 'YYYY-MM-DD') as date", [scope.timeZone]))
      .select(
        this.knex.raw('count(*)::int as total'),
        this.knex.raw("count(*) filter (where outcome = 'answered')::int as answered"),
        this.knex.raw("count(*) filter (where outcome = 'missed')::int as missed"),
      )
      .groupByRaw('1')
      .orderByRaw('1');
    return this.scoped(query, 'unit_id', scope.unitIds);
  }

  private outcomeCounts(column: string) {
    return [
      this.knex.raw(`count(${column})::int as calls`),
      this.knex.raw(`count(${column}) filter (where t.outcome = 'answered')::int as answered`),
      this.knex.raw(`count(${column}) filter (where t.outcome = 'missed')::int as missed`),
      this.knex.raw(`count(${column}) filter (where t.outcome = 'voicemail')::int as voicemail`),
      this.knex.raw(`count(${column}) filter (where t.outcome = 'abandoned')::int as abandoned`),
      this.knex.raw(
        "percentile_cont(0.5) within group (order by t.wait_seconds) filter (where t.outcome = 'answered') as median",
      ),
    ];
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
    const [row] = await this.knex('tickets as t')
      .whereNull('t.unit_id')
      .andWhere('t.received_at', '>=', scope.start)
      .andWhere('t.received_at', '<', scope.end)
      .select(this.outcomeCounts('t.id'));
    if (!row) return undefined;
    const { median, ...counts } = row;
    return {
      id: null,
      code: null,
      name: null,
      ...counts,
      medianAnswerSeconds: median === null ? null : Number(median),
    };
  }

  private async unitsOnly(scope: WeekScope): Promise<UnitRow[]> {
    const query = this.knex('units as u')
      .leftJoin('tickets as t', (join) => {
        join
          .on('t.unit_id', 'u.id')
          .andOn('t.received_at', '>=', this.knex.raw('?', [scope.start]))
          .andOn('t.received_at', '<', this.knex.raw('?', [scope.end]));
      })
      .select('u.id', 'u.code', 'u.name')
      .select(this.outcomeCounts('t.id'))
      .groupBy('u.id', 'u.code', 'u.name')
      .orderByRaw('length(u.code), u.code');
    const rows: Array<Omit<UnitRow, 'medianAnswerSeconds'> & { median: unknown }> = await this.scoped(
      query,
      'u.id',
      scope.unitIds,
    );
    return rows.map(({ median, ...row }) => ({
      ...row,
      medianAnswerSeconds: median === null ? null : Number(median),
    }));
  }

  async totals(scope: WeekScope): Promise<TotalsRow> {
    const week = this.scoped(
      this.knex('tickets').where('received_at', '>=', scope.start).andWhere('received_at', '<', scope.end),
      'unit_id',
      scope.unitIds,
    ).select(
      this.knex.raw(
        "percentile_cont(0.5) within group (order by wait_seconds) filter (where outcome = 'answered') as median",
      ),
      this.knex.raw('count(*) filter (where rating = 1)::int as rating1'),
      this.knex.raw('count(*) filter (where rating = 2)::int as rating2'),
      this.knex.raw('count(*) filter (where rating = 3)::int as rating3'),
    );
    // Open work is not bound to the week: what is still waiting, whenever the call came in.
    const open = this.scoped(
      this.knex('tickets').whereIn('status', OPEN_STATUSES),
      'unit_id',
      scope.unitIds,
    ).select(
      this.knex.raw('count(*)::int as open'),
      this.knex.raw('count(*) filter (where due_at < ?)::int as overdue', [scope.now]),
    );
    const [[weekRow], [openRow]] = await Promise.all([week, open]);
    return {
      medianAnswerSeconds:
        weekRow?.median === null || weekRow?.median === undefined ? null : Number(weekRow.median),
      openTickets: openRow?.open ?? 0,
      overdueTickets: openRow?.overdue ?? 0,
      rating1: weekRow?.rating1 ?? 0,
      rating2: weekRow?.rating2 ?? 0,
      rating3: weekRow?.rating3 ?? 0,
    };
  }
}
