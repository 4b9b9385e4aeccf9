import type { AppContext } from '../context';
import { dateInput, dayOf } from '../date-fields';
import { field, h } from '../dom';
import { onSubmit } from '../form-errors';
import type { Dashboard } from '../types';
import { dayText, shiftMonth, shiftWeek } from '../week';

type Period = Dashboard['period'];

/** The API query for the period in the page URL: `?week=`, `?month=` or `?from=&to=`. */
export function periodQuery(query: URLSearchParams): Record<string, string | undefined> {
  const get = (key: string) => query.get(key) || undefined;
  return { week: get('week'), month: get('month'), from: get('from'), to: get('to') };
}

/** 'Tổng quan tuần 47 (16/11/2026 – 22/11/2026)', 'Tổng quan tháng 11/2026', or a range's two days. */
export function periodTitle(period: Period, ctx: AppContext): string {
  const { t } = ctx;
  const [from, to] = [dayText(period.firstDay), dayText(period.lastDay)];
  if (period.kind === 'week') return t('dash.titleWeek', { week: period.label.slice(6), from, to });
  if (period.kind === 'month') return t('dash.titleMonth', { month: from.slice(3) });
  return t('dash.titleRange', { from, to });
}

/** Week or month view, its previous and next period, and a form for any range of days. */
export function periodNav(period: Period, ctx: AppContext): HTMLElement {
  const { t } = ctx;
  const link = (href: string, label: string, current = false) =>
    h('a', { className: 'button', href, 'aria-current': current ? 'page' : null }, label);
  const steps =
    period.kind === 'week'
      ? [
          link(`#/dashboard?week=${shiftWeek(period.label, -1)}`, t('dash.prevWeek')),
          link(`#/dashboard?week=${shiftWeek(period.label, 1)}`, t('dash.nextWeek')),
        ]
      : period.kind === 'month'
        ? [
            link(`#/dashboard?month=${shiftMonth(period.label, -1)}`, t('dash.prevMonth')),
            link(`#/dashboard?month=${shiftMonth(period.label, 1)}`, t('dash.nextMonth')),
          ]
        : [];
  const from = dateInput({ name: 'from', value: period.firstDay, required: true }, t);
  const to = dateInput({ name: 'to', value: period.lastDay, required: true }, t);
  const problems = h('div', {});
  const range = h(
    'form',
    { className: 'range-form' },
    field(t('dash.rangeFrom'), from),
    field(t('dash.rangeTo'), to),
    h('button', { type: 'submit' }, t('dash.showRange')),
    problems,
  );
  onSubmit(range, problems, t, () => {
    const days = { from: dayOf(from) ?? '', to: dayOf(to) ?? '' };
    ctx.navigate(`#/dashboard?${new URLSearchParams(days)}`);
  });
  return h(
    'nav',
    { className: 'period-nav', 'aria-label': t('dash.periodNav') },
    h(
      'div',
      { className: 'week-nav' },
      link('#/dashboard', t('dash.week'), period.kind === 'week'),
      link(`#/dashboard?month=${period.lastDay.slice(0, 7)}`, t('dash.month'), period.kind === 'month'),
      ...steps,
    ),
    range,
  );
}

/** The call log filtered to what a figure counts: the period's days plus `filters`. */
export function callsHref(period: Period, filters: Record<string, string> = {}): string {
  return `#/calls?${new URLSearchParams({ from: period.firstDay, to: period.lastDay, ...filters })}`;
}
