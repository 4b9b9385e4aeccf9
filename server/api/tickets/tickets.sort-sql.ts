import type { SortField, SortKey, TicketSort } from '../../../core/tickets/ticket-sort';
import { STATUS_RANK } from '../../../core/tickets/ticket-sort';

/**
 * Each sort's key as SQL over tickets `t` and their unit `u`, never NULL, so that one row
 * comparison `(key, t.id) < (?, ?)` continues a page whatever the row's values: a missing wait is
 * -1 and a missing unit '', below every other (see SortKey). `cast` types the cursor's value.
 */
const SORT_SQL: Readonly<Record<SortField, { key: string; cast: string }>> = {
  received_at: { key: 't.received_at', cast: 'timestamptz' },
  wait: { key: 'coalesce(t.wait_seconds, -1)', cast: 'integer' },
  status: {
    key: `(case t.status ${Object.entries(STATUS_RANK)
      .map(([status, rank]) => `when '${status}' then ${rank}`)
      .join(' ')} end)`,
    cast: 'integer',
  },
  unit: { key: "coalesce(hotline_fold(u.name), '')", cast: 'text' },
};

/** The page's extra column carrying each row's sort value; received_at's is the received_key column. */
export function sortValueColumn(sort: TicketSort): string {
  return sort.field === 'received_at' ? '' : `, ${SORT_SQL[sort.field].key} as sort_value`;
}

/** `order by` of the page statement itself. */
export function orderBySql(sort: TicketSort): string {
  return `${SORT_SQL[sort.field].key} ${sort.direction}, t.id ${sort.direction}`;
}

/** `order by` over the page's own columns, for the statements that read the page again. */
export function pageOrderSql(sort: TicketSort): string {
  const column = sort.field === 'received_at' ? 'received_at' : 'sort_value';
  return `${column} ${sort.direction}, id ${sort.direction}`;
}

/** The rows after `key` in this sort (before it, when descending). */
export function afterSql(sort: TicketSort, key: SortKey): { sql: string; bindings: unknown[] } {
  const { key: expression, cast } = SORT_SQL[sort.field];
  return {
    sql: `(${expression}, t.id) ${sort.direction === 'desc' ? '<' : '>'} (?::${cast}, ?)`,
    bindings: [key.value, key.id],
  };
}

// biome-ignore lint/suspicious/noExplicitAny: a row of the page statement
export function sortKeyOf(sort: TicketSort, row: any): SortKey {
  return { value: sort.field === 'received_at' ? row.received_key : row.sort_value, id: Number(row.id) };
}
