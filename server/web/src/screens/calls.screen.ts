import { type AppContext, canWrite, isAdmin, type Route } from '../context';
import { h } from '../dom';
import { dateTime, seconds } from '../format';
import type { Desk, TicketSummary, UnitRef } from '../types';
import { busy, errorText, outcomeOrChannel, phoneLink, ratingText, showError, statusBadge } from '../ui';
import { type Selection, selection } from './calls.bulk';
import { apiQuery, filterForm, ticketHref } from './calls.filters';
import { headerCell, sortChoice, sortOfUrl } from './calls.sort';

const PAGE_SIZE = '50';

/** The units the filter offers, and those an admin may assign selected tickets to (active ones). */
async function unitChoices(ctx: AppContext): Promise<{ filter: UnitRef[]; targets: UnitRef[] | null }> {
  if (ctx.session.user.role === 'ward_official') return { filter: ctx.session.user.units, targets: null };
  const units = await ctx.api.units();
  const ref = ({ id, code, name }: UnitRef) => ({ id, code, name });
  return {
    filter: units.map(ref),
    targets: isAdmin(ctx.session) ? units.filter((unit) => unit.active).map(ref) : null,
  };
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

function row(
  ticket: TicketSummary,
  ctx: AppContext,
  filters: URLSearchParams,
  chosen: Selection | null,
): HTMLTableRowElement {
  const { t } = ctx;
  const cell = (label: string, ...content: (Node | string)[]) => h('td', { 'data-label': label }, ...content);
  return h(
    'tr',
    { className: ticket.needsCallback ? 'callback' : null },
    chosen
      ? h('td', { className: 'select', 'data-label': t('bulk.select') }, chosen.checkboxFor(ticket))
      : null,
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
    cell(t('col.outcome'), outcomeOrChannel(ticket, t)),
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

/**
 * Call log: filters and sort in the URL, keyset pages appended by "load more", exports of the
 * same filters; editors select rows to close or (admins) assign them together.
 */
export async function callsScreen(ctx: AppContext, route: Route): Promise<HTMLElement> {
  const { t, api } = ctx;
  const query = apiQuery(route.query);
  const sort = sortOfUrl(route.query);
  const [units, first] = await Promise.all([unitChoices(ctx), api.tickets({ ...query, limit: PAGE_SIZE })]);
  const desks = await desksOf(ctx, route.query.get('unit'), units.filter);

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
        canWrite(ctx.session)
          ? h('th', { scope: 'col' }, h('span', { className: 'sr-only' }, t('bulk.select')))
          : null,
        heads.map((key) => headerCell(ctx, key, route.query, sort)),
      ),
    ),
    body,
  );
  const count = h('p', { className: 'count', 'aria-live': 'polite' });
  const errors = h('div', {});
  const more = h('button', { type: 'button', className: 'more' }, t('calls.loadMore'));
  let shown = 0;
  let cursor: string | null = null;
  const reload = async () => {
    const page = await api.tickets({ ...query, limit: PAGE_SIZE });
    chosen?.clear();
    body.replaceChildren();
    shown = 0;
    add(page.items, page.nextCursor);
  };
  const chosen = canWrite(ctx.session) ? selection(ctx, units.targets, reload) : null;

  const add = (items: TicketSummary[], nextCursor: string | null) => {
    body.append(...items.map((ticket) => row(ticket, ctx, route.query, chosen)));
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
      filterForm(ctx, route.query, units.filter, desks),
    ),
    sortChoice(ctx, route.query, sort),
    chosen?.bar ?? null,
    count,
    h('div', { className: 'table-wrap' }, table),
    errors,
    more,
  );
}
