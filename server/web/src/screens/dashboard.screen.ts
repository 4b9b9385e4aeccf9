import { barChart, columnChart, legend, type Series } from '../charts';
import type { AppContext, Route } from '../context';
import { h } from '../dom';
import { dateTime, dayLabel, seconds } from '../format';
import type { Dashboard } from '../types';
import { section } from '../ui';
import { callsHref, periodNav, periodQuery, periodTitle } from './dashboard.period';
import { ratingsSection } from './dashboard.ratings';

/** A figure; with `href`, a link to the call-log filter that lists what it counts. */
function tile(label: string, value: string, href: string | null, className = ''): HTMLElement {
  return h(
    href ? 'a' : 'div',
    { className: `tile ${className}`, ...(href ? { href } : {}) },
    h('span', { className: 'tile-value' }, value),
    h('span', { className: 'tile-label' }, label),
  );
}

type UnitFigures = Dashboard['units'][number];

/** The call-log filter of a unit's row: its code, or the calls that reached no unit. */
function unitFilter(unit: UnitFigures): Record<string, string> {
  return unit.code === null ? { unassigned: 'true' } : { unit: unit.code };
}

function unitName(unit: UnitFigures, ctx: AppContext): string {
  return unit.code === null ? ctx.t('dash.noUnit') : `${unit.code} · ${unit.name}`;
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
          data.units.map((u) => {
            const link = (n: number, outcome?: string) =>
              h(
                'td',
                { className: 'num' },
                n === 0
                  ? '0'
                  : h(
                      'a',
                      { href: callsHref(data.period, { ...unitFilter(u), ...(outcome ? { outcome } : {}) }) },
                      String(n),
                    ),
              );
            return h(
              'tr',
              {},
              h(
                'th',
                { scope: 'row' },
                h('a', { href: callsHref(data.period, unitFilter(u)) }, unitName(u, ctx)),
              ),
              link(u.calls),
              link(u.answered, 'answered'),
              link(u.missed, 'missed'),
              link(u.voicemail, 'voicemail'),
              link(u.abandoned, 'abandoned'),
              h('td', { className: 'num' }, seconds(u.medianAnswerSeconds)),
            );
          }),
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

/**
 * A week, a month or any days at a glance: tiles for the numbers (each opens the call log filtered
 * to what it counts), charts where a person would rather look than read.
 */
export async function dashboardScreen(ctx: AppContext, route: Route): Promise<HTMLElement> {
  const { t, lang } = ctx;
  const data = await ctx.api.dashboard(periodQuery(route.query));
  const total = data.callsPerDay.reduce((sum, d) => sum + (d.total ?? 0), 0);
  const answered = data.callsPerDay.reduce((sum, d) => sum + (d.answered ?? 0), 0);
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
      h('h1', {}, periodTitle(data.period, ctx)),
      periodNav(data.period, ctx),
    ),
    h(
      'div',
      { className: 'tiles' },
      tile(t('dash.calls'), String(total), callsHref(data.period)),
      tile(
        t('dash.answerRate'),
        total ? `${Math.round((answered / total) * 100)}%` : '—',
        callsHref(data.period, { outcome: 'answered' }),
      ),
      tile(t('dash.median'), seconds(data.medianAnswerSeconds), null),
    ),
    h('p', { className: 'now-caption' }, t('dash.now', { time: dateTime(data.asOf) })),
    h(
      'div',
      { className: 'tiles now' },
      tile(t('dash.openNow'), String(data.openTickets), '#/calls?status=new%2Cin_progress'),
      tile(
        t('dash.overdueNow'),
        String(data.overdueTickets),
        '#/calls?overdue=true',
        data.overdueTickets > 0 ? 'alert' : '',
      ),
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
            values:
              d.total === null
                ? null
                : [
                    d.answered ?? 0,
                    d.missed ?? 0,
                    Math.max(0, d.total - (d.answered ?? 0) - (d.missed ?? 0)),
                  ],
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
          ? h('p', {}, t('dash.noCallsInPeriod'))
          : barChart(
              t('dash.perUnit'),
              calls,
              busyUnits.map((u) => ({
                label: unitName(u, ctx),
                values: [u.answered, u.missed, Math.max(0, u.calls - u.answered - u.missed)],
              })),
              chartWidth('full'),
            ),
        unitTable(data, ctx),
      ),
    ),
    ratingsSection(data, ctx),
  );
}
