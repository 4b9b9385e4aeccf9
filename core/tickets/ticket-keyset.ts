import type { Knex } from 'knex';

/**
 * Where a page of tickets in (received_at, id) order stopped: received_at as PostgreSQL keeps it,
 * to the microsecond (a JavaScript Date's milliseconds would repeat or skip tickets that share one).
 */
export interface TicketKey {
  /** ISO 8601 in UTC with six decimals: '2026-11-20T01:00:00.000100Z'. */
  receivedAt: string;
  id: number;
}

/** A row's key time as `received_key`, for `ticketKeyOf`; `t` is the tickets table's alias. */
export const RECEIVED_KEY_COLUMN_SQL = `to_char(t.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as received_key`;

/** RECEIVED_KEY_COLUMN_SQL for a knex select. */
export function receivedKeyColumn(knex: Knex): Knex.Raw {
  return knex.raw(RECEIVED_KEY_COLUMN_SQL);
}

export function ticketKeyOf(row: { id: number | string; received_key: string }): TicketKey {
  return { receivedAt: row.received_key, id: Number(row.id) };
}

/** Keeps the rows after `key` in the given order (before it, when descending). */
export function afterTicketKey(builder: Knex.QueryBuilder, key: TicketKey, order: 'asc' | 'desc'): void {
  const comparison = order === 'desc' ? '<' : '>';
  builder.whereRaw(`(t.received_at, t.id) ${comparison} (?::timestamptz, ?)`, [key.receivedAt, key.id]);
}
