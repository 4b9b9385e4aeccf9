import type { AppContext, Route } from '../context';
import { h } from '../dom';
import { dateTime, seconds } from '../format';
import type { Desk, TicketSummary, UnitRef } from '../types';
import { busy, errorText, outcomeBadge, phoneLink, ratingText, showError, statusBadge } from '../ui';
import { apiQuery, filterForm, ticketHref } from './calls.filters';

const PAGE_SIZE = '50';

async function unitChoices(ctx: AppContext): Promise<UnitRef[]> {
  if (ctx.session.user.role === 'ward_official') return ctx.session.user.units;
  const units = await ctx.api.units();
  return units.map(({ id, code, name }) => ({ id, code, name }));
}

/** The desks of the one unit the filter names, to filter by desk; null for none or several units. */
async function desksOf(ctx: AppContext, unitCode: string | null, units: UnitRef[]): Promise<Desk[] | null> {
  const unit = units.find((u) => u.code === unitCode);
  return unit ? ctx.api.desks(unit.id) : null;
}

/** The caller as this user may see them: their number, tap to call, or why it is not shown. */
export function callerText(ticket: TicketSummary, ctx: AppContext): HTMLElement {
  if (ticket.callerNumber) return phoneLink(ticket.callerNumber);
  return h('span', {}, ticket.callerMasked ? ctx.t('caller.hidden') : ctx.t('caller.anonymous'));
}

function row(ticket: TicketSummary, ctx: AppContext, filters: URLSearchParams): HTMLTableRowElement {
  const { t } = ctx;
  const cell = (label: string, ...content: (Node | string)[]) => h('td', { 'data-label': label }, ...content);
  return h(
    'tr',
    { className: ticket.needsCallback ? 'callback' : null },
    h(
      'th',
      { scope: 'row', 'data-label': t('col.code') },
      h('a', { href: ticketHref(ticket.id, filters) }, ticket.code),
      ticket.leaderOnly
        ? h('span', { className: 'badge confidential leader-only' }, t('ticket.leaderOnly'))
        : null,
    ),
    cell(t('col.time'), dateTime(ticket.receivedAt)),
    cell(t('col.unit'), ticket.unit ? ticket.unit.name : '—'),
    cell(
      t('col.about'),
      ticket.category ? h('strong', { className: 'category' }, ticket.category) : '',
      ticket.summary ? h('span', { className: 'about', title: ticket.summary }, ticket.summary) : '',
      ticket.category || ticket.summary ? '' : '—',
    ),
    cell(t('col.caller'), callerText(ticket, ctx)),
    cell(t('col.outcome'), outcomeBadge(ticket.outcome, t)),
    cell(t('col.wait'), seconds(ticket.waitSeconds)),
    cell(t('col.talk'), seconds(ticket.talkSeconds)),
    cell(t('col.answeredBy'), ticket.answeredByName ?? '—'),
    cell(t('col.rating'), ratingText(ticket.rating, t)),
    cell(
      t('col.status'),
      h(
        'span',
        { className: 'status-cell' },
        statusBadge(ticket.status, t),
        ticket.needsCallback ? h('span', { className: 'flag' }, t('calls.needsCallback')) : '',
      ),
    ),
  );
}

/** Call log: filters in the URL, keyset pages appended by "load more", exports of the same filters. */
export async function callsScreen(ctx: AppContext, route: Route): Promise<HTMLElement> {
  const { t, api } = ctx;
  const query = apiQuery(route.query);
  const [units, first] = await Promise.all([unitChoices(ctx), api.tickets({ ...query, limit: PAGE_SIZE })]);
  const desks = await desksOf(ctx, route.query.get('unit'), units);

  const heads = [
    'code',
    'time',
    'unit',
    'about',
    'caller',
    'outcome',
    'wait',
    'talk',
    'answeredBy',
    'rating',
    'status',
  ] as const;
  const body = h('tbody', {});
  const table = h(
    'table',
    { className: 'calls' },
    h('caption', { className: 'sr-only' }, t('calls.title')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        heads.map((key) => h('th', { scope: 'col' }, t(`col.${key}`))),
      ),
    ),
    body,
  );
  const count = h('p', { className: 'count', 'aria-live': 'polite' });
  const errors = h('div', {});
  const more = h('button', { type: 'button', className: 'more' }, t('calls.loadMore'));
  let shown = 0;
  let cursor: string | null = null;

  const add = (items: TicketSummary[], nextCursor: string | null) => {
    body.append(...items.map((ticket) => row(ticket, ctx, route.query)));
    shown += items.length;
    cursor = nextCursor;
    more.hidden = cursor === null;
    count.textContent =
      shown === 0
        ? t('calls.empty')
        : `${t('calls.count', { n: shown })}${cursor ? '' : ` ${t('calls.end')}`}`;
  };
  add(first.items, first.nextCursor);
  more.addEventListener('click', () => {
    void busy(more, async () => {
      try {
        const page = await api.tickets({ ...query, limit: PAGE_SIZE, cursor: cursor ?? undefined });
        add(page.items, page.nextCursor);
        showError(errors, '');
      } catch (error) {
        showError(errors, errorText(error, t));
      }
    });
  });

  return h(
    'div',
    { className: 'calls-page' },
    h(
      'div',
      { className: 'page-head' },
      h('h1', {}, t('calls.title')),
      h(
        'div',
        { className: 'downloads' },
        h(
          'a',
          { className: 'button', href: api.exportUrl('xlsx', query), download: '' },
          t('calls.downloadXlsx'),
        ),
        h(
          'a',
          { className: 'button', href: api.exportUrl('csv', query), download: '' },
          t('calls.downloadCsv'),
        ),
      ),
    ),
    h(
      'details',
      {
        className: 'filter-box',
        open: window.matchMedia('(min-width: 720px)').matches || route.query.toString() !== '',
      },
      h('summary', {}, t('calls.filters')),
      filterForm(ctx, route.query, units, desks),
    ),
    count,
    h('div', { className: 'table-wrap' }, table),
    errors,
    more,
  );
}
