import type { Knex } from 'knex';
import { type InstantRange, wholeMonthsOf } from '../domain/calendar';
import { type RatingCountRow, type RatingsTable, ratingsTable } from './ratings-table';

export interface RatingsScope {
  range: InstantRange;
  /** null: every unit. */
  unitIds: number[] | null;
  timeZone: string;
}

/**
 * Reads what the ratings table is computed from: the period's ratings grouped by unit, desk,
 * channel and value (spam left out, confidential tickets counted, as counts reveal nothing), the
 * units and desks in scope, and the desks' visitor counts of the period's whole months.
 */
export class RatingsTableRepository {
  constructor(private readonly knex: Knex) {}

  async build(scope: RatingsScope): Promise<RatingsTable> {
    const visitorMonths = wholeMonthsOf(scope.range, scope.timeZone);
    const inScope = <T extends Knex.QueryBuilder>(query: T, column: string): T =>
      (scope.unitIds === null ? query : query.whereIn(column, scope.unitIds)) as T;
    const [units, desks, counts, visitors] = await Promise.all([
      inScope(this.knex('units').select('id', 'code', 'name'), 'id').orderByRaw('length(code), code'),
      inScope(this.knex('desks').select('id', 'unit_id', 'name', 'active'), 'unit_id').orderBy('id'),
      inScope(
        this.knex('tickets')
          .whereNotNull('rating')
          .whereNotNull('unit_id')
          .whereIn('channel', ['phone', 'web-rating'])
          .whereNull('spam_marked_at')
          .where('received_at', '>=', scope.range.start)
          .where('received_at', '<', scope.range.end)
          .groupBy('unit_id', 'desk_id', 'channel', 'rating')
          .select('unit_id', 'desk_id', 'channel', 'rating')
          .select(this.knex.raw('count(*)::int as count')),
        'unit_id',
      ),
      visitorMonths === null
        ? Promise.resolve([])
        : inScope(
            this.knex('desk_visitor_counts as v')
              .join('desks as d', 'd.id', 'v.desk_id')
              .whereIn('v.month', visitorMonths)
              .select('v.desk_id', 'v.month', 'v.visitors'),
            'd.unit_id',
          ),
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
