import { TICKET_STATUSES } from './ticket-status';

/** The call log's columns a page may be sorted by. */
export const SORT_FIELDS = ['received_at', 'wait', 'unit', 'status'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/** A sort as the API's `sort` parameter spells it: `wait` ascending, `-wait` descending. */
export type TicketSortName = SortField | `-${SortField}`;

export const TICKET_SORT_NAMES = SORT_FIELDS.flatMap((field) => [field, `-${field}`]) as [
  TicketSortName,
  ...TicketSortName[],
];

export interface TicketSort {
  field: SortField;
  direction: 'asc' | 'desc';
}

/** The call log as it opens: newest first. */
export const DEFAULT_SORT: TicketSort = { field: 'received_at', direction: 'desc' };

export function sortOf(name: TicketSortName): TicketSort {
  return name.startsWith('-')
    ? { field: name.slice(1) as SortField, direction: 'desc' }
    : { field: name as SortField, direction: 'asc' };
}

export function sortNameOf(sort: TicketSort): TicketSortName {
  return sort.direction === 'desc' ? `-${sort.field}` : sort.field;
}

/**
 * Where a sorted page stopped: the last row's sort value and its id, the tiebreaker that makes
 * the order total. received_at's value is the ISO text to the microsecond (see ticket-keyset.ts);
 * wait's the seconds, -1 for none; status's its place in the workflow (STATUS_RANK); unit's the
 * folded unit name, '' for none. A missing wait or unit so sorts below every other: last when
 * descending, first when ascending.
 */
export interface SortKey {
  value: string | number;
  id: number;
}

/** new 1, in_progress 2, resolved 3, closed 4: status sorts as the work goes, not by its spelling. */
export const STATUS_RANK: Readonly<Record<(typeof TICKET_STATUSES)[number], number>> = Object.fromEntries(
  TICKET_STATUSES.map((status, index) => [status, index + 1]),
) as Record<(typeof TICKET_STATUSES)[number], number>;
