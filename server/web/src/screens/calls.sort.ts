import {
  DEFAULT_SORT,
  type SortField,
  sortNameOf,
  sortOf,
  TICKET_SORT_NAMES,
  type TicketSort,
  type TicketSortName,
} from '../../../../core/tickets/ticket-sort';
import type { AppContext } from '../context';
import { field, h, options } from '../dom';
import type { Key } from '../i18n';

/** The call log's columns a person may sort by, and the field each sorts. */
export const SORTABLE: Readonly<Partial<Record<string, SortField>>> = {
  time: 'received_at',
  unit: 'unit',
  wait: 'wait',
  status: 'status',
};

/** A column's first click: the order people look for first (newest, longest wait, A to Z, new first). */
const FIRST_DIRECTION: Readonly<Record<SortField, TicketSort['direction']>> = {
  received_at: 'desc',
  wait: 'desc',
  unit: 'asc',
  status: 'asc',
};

/** The sort the page URL names (`sort=-wait`), or the default; an unknown one is the default. */
export function sortOfUrl(filters: URLSearchParams): TicketSort {
  const name = filters.get('sort');
  return name && (TICKET_SORT_NAMES as string[]).includes(name)
    ? sortOf(name as TicketSortName)
    : DEFAULT_SORT;
}

/** The call log's URL with this sort and the same filters; the default sort leaves the URL bare. */
export function sortedHref(filters: URLSearchParams, sort: TicketSort): string {
  const next = new URLSearchParams(filters);
  const name = sortNameOf(sort);
  if (name === sortNameOf(DEFAULT_SORT)) next.delete('sort');
  else next.set('sort', name);
  const text = next.toString();
  return text ? `#/calls?${text}` : '#/calls';
}

/** Clicking a column: the other way round if the list is sorted by it, else its first order. */
export function nextSort(current: TicketSort, field: SortField): TicketSort {
  if (current.field !== field) return { field, direction: FIRST_DIRECTION[field] };
  return { field, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}

/** A column header: a button for a sortable column, with aria-sort on the one the list is sorted by. */
export function headerCell(
  ctx: AppContext,
  column: string,
  filters: URLSearchParams,
  current: TicketSort,
): HTMLTableCellElement {
  const label = ctx.t(`col.${column}` as Key);
  const sortField = SORTABLE[column];
  if (!sortField) return h('th', { scope: 'col' }, label);
  const active = current.field === sortField;
  const direction = active ? current.direction : null;
  return h(
    'th',
    {
      scope: 'col',
      className: 'sortable',
      'aria-sort': direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none',
    },
    h(
      'a',
      {
        href: sortedHref(filters, nextSort(current, sortField)),
        className: 'sort-link',
        'data-sort': sortField,
      },
      label,
      h(
        'span',
        { className: 'sort-mark', 'aria-hidden': 'true' },
        direction === 'asc' ? ' ▲' : direction === 'desc' ? ' ▼' : ' ↕',
      ),
      direction
        ? h(
            'span',
            { className: 'sr-only' },
            ` (${ctx.t(direction === 'asc' ? 'calls.sortedAsc' : 'calls.sortedDesc')})`,
          )
        : null,
    ),
  );
}

/** The same choice as a list, for a phone, where the card list has no header row. */
export function sortChoice(ctx: AppContext, filters: URLSearchParams, current: TicketSort): HTMLElement {
  const select = h(
    'select',
    { name: 'sort' },
    options(
      TICKET_SORT_NAMES.map((name) => ({ value: name, label: ctx.t(`sort.${name}` as Key) })),
      sortNameOf(current),
    ),
  );
  select.addEventListener('change', () => {
    ctx.navigate(sortedHref(filters, sortOf(select.value as TicketSortName)));
  });
  return h('div', { className: 'sort-choice' }, field(ctx.t('calls.sortBy'), select));
}
