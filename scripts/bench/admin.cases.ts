import type { Knex } from 'knex';
import { previousIsoWeek, weekRange } from '../../core/domain/calendar';
import { DEFAULT_SORT } from '../../core/tickets/ticket-sort';
import { encodeCursor } from '../../server/api/tickets/tickets.cursor';
import type { BenchClient } from './admin.measure';
import { RARE_PHRASE } from './bench.tickets';

export interface BenchCase {
  name: string;
  /** What the case reads, for the table's notes (matches, depth, week). */
  detail: string;
  path: string;
  targetP95Ms: number;
}

export const LIST_TARGET_MS = 50;
export const DASHBOARD_TARGET_MS = 200;
export const PAGE_SIZE = 50;
const WALK_ROWS = 2000;

interface PageBody {
  items: unknown[];
  nextCursor: string | null;
}

async function count(knex: Knex, sql: string, bindings: readonly Knex.RawBinding[]): Promise<number> {
  const result = await knex.raw(`select count(*)::int as n from tickets t where ${sql}`, bindings);
  return result.rows[0].n;
}

/** The cursor the API hands out after WALK_ROWS rows, found by following nextCursor page by page. */
async function walkedCursor(client: BenchClient): Promise<string> {
  let cursor: string | null = null;
  for (let rows = 0; rows < WALK_ROWS; rows += PAGE_SIZE) {
    const suffix: string = cursor ? `&cursor=${cursor}` : '';
    const page = (await client.get(`/api/v1/tickets?limit=${PAGE_SIZE}${suffix}`)) as PageBody;
    if (!page.nextCursor) throw new Error(`the call log ended before ${WALK_ROWS} rows`);
    cursor = page.nextCursor;
  }
  return cursor as string;
}

/** A cursor half-way down the log (a year back), built as the API builds its own. */
async function midwayCursor(knex: Knex, total: number): Promise<string> {
  const result = await knex.raw(
    `select id, to_char(received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key
     from tickets order by received_at desc, id desc offset ? limit 1`,
    [Math.floor(total / 2)],
  );
  const row = result.rows[0];
  return encodeCursor(DEFAULT_SORT, { value: row.key, id: Number(row.id) });
}

/** A caller-number fragment as a person types it ("0912 345"), taken from a real caller's number. */
async function callerFragment(knex: Knex): Promise<string> {
  const result = await knex.raw(
    "select caller_number from tickets where caller_number like '+849%' order by id limit 1 offset 1000",
  );
  const digits = `0${(result.rows[0].caller_number as string).slice(3)}`;
  return `${digits.slice(0, 4)} ${digits.slice(4, 7)}`;
}

export async function buildCases(
  knex: Knex,
  client: BenchClient,
  now: Date,
  timeZone: string,
): Promise<BenchCase[]> {
  const total = await count(knex, 'true', []);
  const week = previousIsoWeek(now, timeZone);
  const range = weekRange(week, timeZone);
  const unit = await knex('units').where({ code: '5' }).first('id', 'code', 'name');
  const inWeek = await count(knex, 'unit_id = ? and received_at >= ? and received_at < ?', [
    unit.id,
    range.start,
    range.end,
  ]);
  const fragment = await callerFragment(knex);
  const compact = fragment.replace(' ', '');
  // The API's match (server/api/tickets/tickets.page-sql.ts): folded text on both sides.
  const search =
    "hotline_fold(coalesce(t.code, '') || ' ' || coalesce(t.caller_number, '') || ' ' || coalesce(t.summary, ''))";
  const rareMatches = await count(knex, `${search} like hotline_fold(?)`, [`%${RARE_PHRASE}%`]);
  const callerMatches = await count(knex, `${search} like any(?)`, [
    [`%${fragment}%`, `%${compact}%`, `%${compact.slice(1)}%`],
  ]);
  const list = `/api/v1/tickets?limit=${PAGE_SIZE}`;
  return [
    {
      name: 'first page',
      detail: `newest ${PAGE_SIZE} of ${total.toLocaleString('en')}`,
      path: list,
      targetP95Ms: LIST_TARGET_MS,
    },
    {
      name: 'deep page, walked cursor',
      detail: `after ${WALK_ROWS.toLocaleString('en')} rows`,
      path: `${list}&cursor=${await walkedCursor(client)}`,
      targetP95Ms: LIST_TARGET_MS,
    },
    {
      name: 'deep page, mid-log cursor',
      detail: `after ${Math.floor(total / 2).toLocaleString('en')} rows (a year back)`,
      path: `${list}&cursor=${await midwayCursor(knex, total)}`,
      targetP95Ms: LIST_TARGET_MS,
    },
    {
      name: 'unit + ISO week',
      detail: `unit ${unit.code}, ${week.label}: ${inWeek} tickets`,
      path: `${list}&unit=${unit.code}&from=${range.start.toISOString()}&to=${range.end.toISOString()}`,
      targetP95Ms: LIST_TARGET_MS,
    },
    {
      name: 'search, summary phrase',
      detail: `"${RARE_PHRASE}": ${rareMatches} tickets`,
      path: `${list}&q=${encodeURIComponent(RARE_PHRASE)}`,
      targetP95Ms: LIST_TARGET_MS,
    },
    {
      name: 'search, caller fragment',
      detail: `"${fragment}": ${callerMatches} tickets`,
      path: `${list}&q=${encodeURIComponent(fragment)}`,
      targetP95Ms: LIST_TARGET_MS,
    },
    ...(['-wait', 'unit', '-status'] as const).map((sort) => ({
      name: `sorted, sort=${sort}`,
      detail: `first ${PAGE_SIZE} of ${total.toLocaleString('en')}`,
      path: `${list}&sort=${sort}`,
      targetP95Ms: LIST_TARGET_MS,
    })),
    {
      name: 'sorted, sort=-wait, unit',
      detail: `unit ${unit.code}, first ${PAGE_SIZE}`,
      path: `${list}&sort=-wait&unit=${unit.code}`,
      targetP95Ms: LIST_TARGET_MS,
    },
    {
      name: 'dashboard, one week',
      detail: week.label,
      path: `/api/v1/dashboard?week=${week.label}`,
      targetP95Ms: DASHBOARD_TARGET_MS,
    },
  ];
}
