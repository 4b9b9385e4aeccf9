import type { Knex } from 'knex';
import { andIn, rowsOf } from '../db/statement';
import { type InstantRange, wholeMonthsOf } from '../domain/calendar';
import { type RatingCountRow, type RatingsTable, ratingsTable } from './ratings-table';

/** The channels whose tickets carry a rating: a call's survey and a desk's or unit's QR form. */
const RATED_CHANNELS = ['phone', 'web-rating'];

export interface RatingsScope {
  range: InstantRange;
  /** null: every unit. */
  unitIds: number[] | null;
  timeZone: string;
}

/**
 * Reads what the ratings table is computed from: the period's ratings grouped by unit, desk,
 * channel and value (spam left out, confidential tickets counted, as counts reveal nothing), the
 * units and desks in scope, and the desks' visitor counts of the period's whole months. The
 * statements are written out: knex's builders compiled four of them again on every dashboard.
 */
export class RatingsTableRepository {
  constructor(private readonly knex: Knex) {}

  // biome-ignore lint/suspicious/noExplicitAny: rows of the statements below
  private rows(sql: string, bindings: unknown[]): Promise<any[]> {
    return rowsOf(this.knex, { sql, bindings });
  }

  private visitors(months: readonly string[], unitIds: number[] | null) {
    const inMonths = andIn('v.month', months);
    const ofUnit = andIn('d.unit_id', unitIds);
    return this.rows(
      `select v.desk_id, v.month, v.visitors from desk_visitor_counts as v join desks as d on d.id = v.desk_id
       where true${inMonths.sql}${ofUnit.sql}`,
      [...inMonths.bindings, ...ofUnit.bindings],
    );
  }

  async build(scope: RatingsScope): Promise<RatingsTable> {
    const visitorMonths = wholeMonthsOf(scope.range, scope.timeZone);
    const ofUnits = andIn('id', scope.unitIds);
    const ofUnit = andIn('unit_id', scope.unitIds);
    const rated = andIn('channel', RATED_CHANNELS);
    const [units, desks, counts, visitors] = await Promise.all([
      this.rows(
        `select id, code, name from units where true${ofUnits.sql} order by length(code), code`,
        ofUnits.bindings,
      ),
      this.rows(
        `select id, unit_id, name, active from desks where true${ofUnit.sql} order by id`,
        ofUnit.bindings,
      ),
      this.rows(
        `select unit_id, desk_id, channel, rating, count(*)::int as count from tickets
         where rating is not null and unit_id is not null${rated.sql} and spam_marked_at is null
           and received_at >= ? and received_at < ?${ofUnit.sql}
         group by unit_id, desk_id, channel, rating`,
        [...rated.bindings, scope.range.start, scope.range.end, ...ofUnit.bindings],
      ),
      visitorMonths === null ? Promise.resolve([]) : this.visitors(visitorMonths, scope.unitIds),
    ]);
    return ratingsTable({
      visitorMonths,
      units: units.map((row: { id: number; code: string; name: string }) => row),
      desks: desks.map((row: { id: number; unit_id: number; name: string; active: boolean }) => ({
        id: row.id,
        unitId: row.unit_id,
        name: row.name,
        active: row.active,
      })),
      counts: counts.map(
        (row: {
          unit_id: number;
          desk_id: number | null;
          channel: RatingCountRow['channel'];
          rating: 1 | 2 | 3;
          count: number;
        }) => ({
          unitId: row.unit_id,
          deskId: row.desk_id,
          channel: row.channel,
          rating: row.rating,
          count: Number(row.count),
        }),
      ),
      visitors: visitors.map((row: { desk_id: number; month: string; visitors: number }) => ({
        deskId: row.desk_id,
        month: row.month,
        visitors: row.visitors,
      })),
    });
  }
}
