import type { Knex } from 'knex';
import { afterTicketKey, receivedKeyColumn, type TicketKey, ticketKeyOf } from './ticket-keyset';
import type { TicketRecord } from './ticket-record';

/** What ticketRecordOf reads; `t` is the tickets table, `u` its unit. */
export const TICKET_RECORD_COLUMNS: readonly string[] = [
  't.id',
  't.code',
  't.channel',
  't.received_at',
  't.caller_number',
  't.outcome',
  't.abandoned_stage',
  't.wait_seconds',
  't.talk_seconds',
  't.answered_by_name',
  't.rating',
  't.status',
  't.needs_callback',
  't.due_at',
  't.confidential',
  't.leader_only',
  't.spam_marked_at',
  't.category',
  't.summary',
  'u.id as unit_id',
  'u.code as unit_code',
  'u.name as unit_name',
];

/**
 * Tickets (`t`) with their unit (`u`) as ticketRecordOf reads them, in (received_at, id) order,
 * `limit` of them after `after`: one keyset page. The caller adds its filter.
 */
export function ticketRecordPage(
  knex: Knex,
  order: 'asc' | 'desc',
  limit: number,
  after?: TicketKey,
): Knex.QueryBuilder {
  const builder = knex('tickets as t')
    .leftJoin('units as u', 'u.id', 't.unit_id')
    .select(TICKET_RECORD_COLUMNS)
    .select(receivedKeyColumn(knex))
    .orderBy([
      { column: 't.received_at', order },
      { column: 't.id', order },
    ])
    .limit(limit);
  if (after) afterTicketKey(builder, after, order);
  return builder;
}

/**
 * Every record `page` returns, page after page, each page starting after the last one's key, until
 * one comes back short: a whole log read without holding it at once.
 */
export async function* allPages<R, K>(
  page: (after: K | undefined) => Promise<R[]>,
  keyOf: (record: R) => K,
  pageSize: number,
): AsyncGenerator<R> {
  let after: K | undefined;
  for (;;) {
    const records = await page(after);
    yield* records;
    const last = records.at(-1);
    if (last === undefined || records.length < pageSize) return;
    after = keyOf(last);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a knex row
export function ticketRecordOf(row: any): TicketRecord {
  return {
    id: row.id,
    code: row.code,
    channel: row.channel,
    receivedAt: row.received_at,
    key: ticketKeyOf(row),
    unit: row.unit_id === null ? null : { id: row.unit_id, code: row.unit_code, name: row.unit_name },
    callerNumber: row.caller_number,
    outcome: row.outcome,
    abandonedStage: row.abandoned_stage,
    waitSeconds: row.wait_seconds,
    talkSeconds: row.talk_seconds,
    answeredByName: row.answered_by_name,
    rating: row.rating,
    status: row.status,
    needsCallback: row.needs_callback,
    dueAt: row.due_at,
    confidential: row.confidential,
    leaderOnly: row.leader_only,
    spam: row.spam_marked_at !== null && row.spam_marked_at !== undefined,
    category: row.category,
    summary: row.summary,
  };
}
