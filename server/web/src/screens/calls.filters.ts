import { DEFAULT_SORT, sortNameOf } from '../../../../core/tickets/ticket-sort';
import type { Query } from '../api';
import type { AppContext } from '../context';
import { dateInput, dayOf } from '../date-fields';
import { field, h, options } from '../dom';
import { onSubmit } from '../form-errors';
import { dayStart } from '../format';
import { CHANNELS, type Desk, OUTCOMES, STATUSES, type UnitRef } from '../types';
import { sortOfUrl } from './calls.sort';

/** The filter names and the sort kept in the page URL (`#/calls?unit=3&sort=-wait`), so Back restores them. */
export const FILTER_KEYS = [
  'unit',
  'from',
  'to',
  'outcome',
  'status',
  'rating',
  'channel',
  'desk',
  'spam',
  'needsCallback',
  'overdue',
  'unassigned',
  'leaderOnly',
  'q',
  'sort',
] as const;

/** The filters that are a checkbox: on when `=true` is in the URL. */
const FLAGS = ['needsCallback', 'overdue', 'unassigned', 'leaderOnly'] as const;

/**
 * A ticket's page, opened from the call log: it carries the list's own query (`?list=unit%3D3`)
 * so its "back" link returns to the list as it was filtered, even after a reload.
 */
export function ticketHref(id: number, filters: URLSearchParams): string {
  const list = filters.toString();
  return list ? `#/tickets/${id}?${new URLSearchParams({ list })}` : `#/tickets/${id}`;
}

/** The call log a ticket page was opened from (see ticketHref), or the whole log. */
export function callLogHref(ticketQuery: URLSearchParams): string {
  const list = ticketQuery.get('list');
  return list ? `#/calls?${list}` : '#/calls';
}

/** The API query for the filters in the URL: calendar days become Vietnam-time instants. */
export function apiQuery(filters: URLSearchParams): Query {
  const get = (key: string) => filters.get(key) || undefined;
  const from = get('from');
  const to = get('to');
  return {
    unit: get('unit'),
    from: from ? dayStart(from) : undefined,
    to: to ? dayStart(to, 1) : undefined,
    outcome: get('outcome'),
    status: get('status'),
    rating: get('rating'),
    channel: get('channel'),
    desk: get('desk'),
    spam: get('spam'),
    ...Object.fromEntries(FLAGS.map((flag) => [flag, get(flag) === 'true' ? 'true' : undefined])),
    q: get('q'),
    sort: sortParam(filters),
  };
}

/** The URL's sort for the API, left out when it is the default (or not one the API knows). */
function sortParam(filters: URLSearchParams): string | undefined {
  const sort = sortOfUrl(filters);
  return sort === DEFAULT_SORT ? undefined : sortNameOf(sort);
}

/**
 * The call log's filters. `desks`: the chosen unit's desks, offered when one unit is chosen; the
 * spam flag a dashboard figure sets (`spam=false`) is carried along as it came.
 */
export function filterForm(
  ctx: AppContext,
  filters: URLSearchParams,
  units: UnitRef[],
  desks: Desk[] | null,
): HTMLFormElement {
  const { t } = ctx;
  const any = { value: '', label: t('calls.any') };
  const unit = h(
    'select',
    { name: 'unit' },
    options(
      [
        { value: '', label: t('calls.allUnits') },
        ...units.map((u) => ({ value: u.code, label: `${u.code} · ${u.name}` })),
      ],
      filters.get('unit') ?? '',
    ),
  );
  const from = dateInput({ name: 'from', value: filters.get('from') ?? '' }, t);
  const to = dateInput({ name: 'to', value: filters.get('to') ?? '' }, t);
  const outcome = h(
    'select',
    { name: 'outcome' },
    options(
      [any, ...OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))],
      filters.get('outcome') ?? '',
    ),
  );
  const status = h(
    'select',
    { name: 'status' },
    options(
      [any, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))],
      filters.get('status') ?? '',
    ),
  );
  const rating = h(
    'select',
    { name: 'rating' },
    options(
      [any, ...([1, 2, 3] as const).map((r) => ({ value: String(r), label: t(`rating.${r}`) }))],
      filters.get('rating') ?? '',
    ),
  );
  const channel = h(
    'select',
    { name: 'channel' },
    options(
      [any, ...CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))],
      filters.get('channel') ?? '',
    ),
  );
  const desk = h(
    'select',
    { name: 'desk' },
    options(
      [
        { value: '', label: t('calls.anyDesk') },
        { value: 'none', label: t('calls.noDesk') },
        ...(desks ?? []).map((d) => ({ value: String(d.id), label: d.name })),
      ],
      filters.get('desk') ?? '',
    ),
  );
  const flags = Object.fromEntries(
    FLAGS.map((flag) => [
      flag,
      h('input', { type: 'checkbox', name: flag, checked: filters.get(flag) === 'true' }),
    ]),
  ) as Record<(typeof FLAGS)[number], HTMLInputElement>;
  const flagLabels: Record<(typeof FLAGS)[number], string> = {
    needsCallback: t('calls.needsCallback'),
    overdue: t('calls.overdue'),
    unassigned: t('calls.unassigned'),
    leaderOnly: t('calls.leaderOnly'),
  };
  // Confidential complaints exist only for admins and the permission holders: nobody else is offered the filter.
  const user = ctx.session.user;
  const offered = FLAGS.filter(
    (flag) =>
      flag !== 'leaderOnly' ||
      user.role === 'admin' ||
      (user.readsComplaints && user.role !== 'ward_official'),
  );
  const q = h('input', {
    type: 'search',
    name: 'q',
    // The API searches from two characters on.
    minlength: 2,
    maxlength: 100,
    value: filters.get('q') ?? '',
    placeholder: t('calls.searchHint'),
  });

  const errors = h('div', {});
  const form = h(
    'form',
    { className: 'filters card', role: 'search', 'aria-label': t('calls.filters') },
    field(t('calls.search'), q),
    field(t('calls.unit'), unit),
    field(t('calls.from'), from),
    field(t('calls.to'), to),
    field(t('calls.outcome'), outcome),
    field(t('calls.status'), status),
    field(t('calls.rating'), rating),
    field(t('calls.channel'), channel),
    desks ? field(t('calls.desk'), desk) : null,
    ...offered.map((flag) =>
      h('div', { className: 'field check' }, h('label', {}, flags[flag], ` ${flagLabels[flag]}`)),
    ),
    errors,
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', className: 'primary' }, t('calls.apply')),
      h('a', { href: '#/calls', className: 'button' }, t('calls.reset')),
    ),
  );
  onSubmit(form, errors, t, () => {
    const next = new URLSearchParams();
    const values: Record<string, string> = {
      unit: unit.value,
      from: dayOf(from) ?? '',
      to: dayOf(to) ?? '',
      outcome: outcome.value,
      status: status.value,
      rating: rating.value,
      channel: channel.value,
      desk: desks ? desk.value : '',
      spam: filters.get('spam') ?? '',
      ...Object.fromEntries(FLAGS.map((flag) => [flag, flags[flag].checked ? 'true' : ''])),
      q: q.value.trim(),
      sort: filters.get('sort') ?? '',
    };
    for (const key of FILTER_KEYS) if (values[key]) next.set(key, values[key]);
    const text = next.toString();
    ctx.navigate(text ? `#/calls?${text}` : '#/calls');
  });
  return form;
}
