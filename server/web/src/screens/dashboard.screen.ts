import { barChart, columnChart, legend, type Series } from '../charts';
import type { AppContext, Route } from '../context';
import { h } from '../dom';
import { dayLabel, seconds } from '../format';
import type { Dashboard } from '../types';
import { section } from '../ui';
import { shiftWeek } from '../week';

function tile(label: string, value: string, className = ''): HTMLElement {
  return h(
    'div',
    { className: `tile ${className}` },
    h('span', { className: 'tile-value' }, value),
    h('span', { className: 'tile-label' }, label),
  );
}

function unitTable(data: Dashboard, ctx: AppContext): HTMLElement {
  const { t } = ctx;
  const heads = [
    t('col.unit'),
    t('dash.calls'),
    t('dash.answered'),
    t('dash.missed'),
    t('outcome.voicemail'),
    t('outcome.abandoned'),
    t('dash.medianShort'),
  ];
  return h(
    'details',
    { className: 'unit-table' },
    h('summary', {}, t('dash.unitTable')),
    h(
      'div',
      { className: 'table-wrap' },
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            heads.map((head) => h('th', { scope: 'col' }, head)),
          ),
        ),
        h(
          'tbody',
          {},
          data.units.map((u) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, `${u.code} · ${u.name}`),
              ...[u.calls, u.answered, u.missed, u.voicemail, u.abandoned].map((n) =>
                h('td', { className: 'num' }, String(n)),
              ),
              h('td', { className: 'num' }, seconds(u.medianAnswerSeconds)),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * The width a chart gets on this screen, in CSS pixels (page and card paddings taken off), so its
 * text is drawn at its real size: full width on a phone, half or whole width of the page on a desk.
 */
function chartWidth(span: 'half' | 'full'): number {
  const page = Math.min(window.innerWidth, 1280);
  if (page < 720) return Math.max(260, page - 24 - 32);
  const inner = page - 40;
  return Math.round((span === 'half' ? (inner - 15) / 2 : inner) - 32);
}

/** This week at a glance: tiles for the numbers, charts where a person would rather look than read. */
export async function dashboardScreen(ctx: AppContext, route: Route): Promise<HTMLElement> {
  const { t, lang } = ctx;
  const data = await ctx.api.dashboard(route.query.get('week') ?? undefined);
  const total = data.callsPerDay.reduce((sum, d) => sum + d.total, 0);
  const answered = data.callsPerDay.reduce((sum, d) => sum + d.answered, 0);
  const calls: Series[] = [
    { label: t('dash.answered'), className: 's-answered' },
    { label: t('dash.missed'), className: 's-missed' },
    { label: t('dash.other'), className: 's-other' },
  ];
  const ratings: Series[] = [
    { label: t('rating.1'), className: 's-r1' },
    { label: t('rating.2'), className: 's-r2' },
    { label: t('rating.3'), className: 's-r3' },
  ];
  const busyUnits = data.units.filter((u) => u.calls > 0);

  return h(
    'div',
    { className: 'dashboard' },
    h(
      'div',
      { className: 'page-head' },
      h('h1', {}, t('dash.title', { week: data.week })),
      h(
        'nav',
        { className: 'week-nav', 'aria-label': t('nav.dashboard') },
        h('a', { className: 'button', href: `#/dashboard?week=${shiftWeek(data.week, -1)}` }, t('dash.prev')),
        h('a', { className: 'button', href: `#/dashboard?week=${shiftWeek(data.week, 1)}` }, t('dash.next')),
      ),
    ),
    h(
      'div',
      { className: 'tiles' },
      tile(t('dash.calls'), String(total)),
      tile(t('dash.answerRate'), total ? `${Math.round((answered / total) * 100)}%` : '—'),
      tile(t('dash.median'), seconds(data.medianAnswerSeconds)),
      tile(t('dash.open'), String(data.openTickets)),
      tile(t('dash.overdue'), String(data.overdueTickets), data.overdueTickets > 0 ? 'alert' : ''),
    ),
    h(
      'div',
      { className: 'charts' },
      section(
        t('dash.perDay'),
        legend(calls),
        columnChart(
          t('dash.perDay'),
          calls,
          data.callsPerDay.map((d) => ({
            label: dayLabel(d.date, lang),
            values: [d.answered, d.missed, Math.max(0, d.total - d.answered - d.missed)],
          })),
          chartWidth('half'),
        ),
      ),
      section(
        t('dash.ratings'),
        legend(ratings),
        barChart(
          t('dash.ratings'),
          ratings,
          ([1, 2, 3] as const).map((r) => {
            const values = [0, 0, 0];
            values[r - 1] = data.ratings[String(r) as '1'] ?? 0;
            return { label: t(`rating.${r}`), values };
          }),
          chartWidth('half'),
        ),
      ),
      section(
        t('dash.perUnit'),
        legend(calls),
        busyUnits.length === 0
          ? h('p', {}, t('dash.noCalls'))
          : barChart(
              t('dash.perUnit'),
              calls,
              busyUnits.map((u) => ({
                label: `${u.code} · ${u.name}`,
                values: [u.answered, u.missed, Math.max(0, u.calls - u.answered - u.missed)],
              })),
              chartWidth('full'),
            ),
        unitTable(data, ctx),
      ),
    ),
  );
}
