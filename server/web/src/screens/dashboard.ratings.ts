import type { AppContext } from '../context';
import { h } from '../dom';
import { percent } from '../format';
import type { Dashboard } from '../types';
import { section } from '../ui';
import { callsHref } from './dashboard.period';

type Ratings = Dashboard['ratingsByUnit'];
type UnitRatings = Ratings['units'][number];
type Figures = UnitRatings['total'];

interface Line {
  label: string;
  figures: Figures;
  /** The call-log filter of the line's ratings, without the rating value. */
  filter: Record<string, string>;
  /** Visitors are counted at desks: a call's survey or the unit's own QR has no share of them. */
  countsVisitors: boolean;
  className: string;
}

function linesOf(unit: UnitRatings, ctx: AppContext): Line[] {
  const { t } = ctx;
  const lines: Line[] = [];
  if (unit.bySource.phone.total > 0)
    lines.push({
      label: t('ratings.source.phone'),
      figures: unit.bySource.phone,
      filter: { unit: unit.code, channel: 'phone' },
      countsVisitors: false,
      className: 'source',
    });
  if (unit.bySource['unit-qr'].total > 0)
    lines.push({
      label: t('ratings.source.unit-qr'),
      figures: unit.bySource['unit-qr'],
      filter: { unit: unit.code, channel: 'web-rating', desk: 'none', spam: 'false' },
      countsVisitors: false,
      className: 'source',
    });
  for (const desk of unit.desks)
    lines.push({
      label: desk.active ? desk.name : t('ratings.deskInactive', { name: desk.name }),
      figures: desk,
      filter: { unit: unit.code, channel: 'web-rating', desk: String(desk.deskId), spam: 'false' },
      countsVisitors: true,
      className: 'desk',
    });
  lines.push({
    label: t('ratings.unitTotal'),
    figures: unit.total,
    filter: { unit: unit.code, spam: 'false' },
    countsVisitors: true,
    className: 'total',
  });
  return lines;
}

/** The share of visitors who rated, marked met or not met; no count is said as such, never 0 %. */
function visitorShare(line: Line, ratings: Ratings, ctx: AppContext): HTMLElement | string {
  const { t, lang } = ctx;
  const { figures } = line;
  if (!line.countsVisitors || ratings.visitorMonths === null) return '—';
  if (figures.visitors === null) return h('span', { className: 'no-count' }, t('ratings.noVisitorCount'));
  if (figures.ratedShare === null)
    return t('ratings.share', { share: '—', visitors: String(figures.visitors) });
  return h(
    'span',
    { className: figures.meetsTarget ? 'target met' : 'target not-met' },
    t('ratings.share', { share: percent(figures.ratedShare, lang), visitors: String(figures.visitors) }),
    h('strong', {}, ` · ${t(figures.meetsTarget ? 'ratings.met' : 'ratings.notMet')}`),
  );
}

/**
 * Ratings per unit and desk from every channel that rates, the satisfied share and the share of
 * visitors who rated against the target; each count opens the call log filtered to its tickets.
 * On a phone each line becomes a card: its name, then its figures under their own labels.
 */
export function ratingsSection(data: Dashboard, ctx: AppContext): HTMLElement {
  const { t, lang } = ctx;
  const ratings = data.ratingsByUnit;
  const target = percent(ratings.target, lang);
  const heads = [
    t('rating.1'),
    t('rating.2'),
    t('rating.3'),
    t('ratings.satisfiedShare'),
    t('ratings.ratedShare', { target }),
  ];
  const note =
    ratings.visitorMonths === null
      ? t('ratings.weekNoShare', { target })
      : t('ratings.howShare', {
          months: ratings.visitorMonths.map((m) => `${m.slice(5)}/${m.slice(0, 4)}`).join(', '),
          target,
        });
  if (ratings.units.length === 0) return section(t('ratings.title'), h('p', {}, t('ratings.none')));
  const count = (line: Line, value: 1 | 2 | 3) => {
    const n = [line.figures.verySatisfied, line.figures.satisfied, line.figures.notSatisfied][value - 1] ?? 0;
    return h(
      'td',
      { className: 'num', 'data-label': heads[value - 1] },
      n === 0
        ? '0'
        : h('a', { href: callsHref(data.period, { ...line.filter, rating: String(value) }) }, String(n)),
    );
  };
  return section(
    t('ratings.title'),
    h('p', { className: 'ratings-note' }, note),
    h(
      'div',
      { className: 'table-wrap' },
      h(
        'table',
        { className: 'ratings' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('ratings.line')),
            ...heads.map((head) => h('th', { scope: 'col' }, head)),
          ),
        ),
        ratings.units.map((unit) =>
          h(
            'tbody',
            {},
            h(
              'tr',
              { className: 'unit-row' },
              h('th', { scope: 'rowgroup', colspan: 6 }, `${unit.code} · ${unit.name}`),
            ),
            linesOf(unit, ctx).map((line) =>
              h(
                'tr',
                { className: line.className },
                h('th', { scope: 'row' }, line.label),
                count(line, 1),
                count(line, 2),
                count(line, 3),
                h(
                  'td',
                  { className: 'num', 'data-label': heads[3] },
                  percent(line.figures.satisfiedShare, lang),
                ),
                h('td', { className: 'share', 'data-label': heads[4] }, visitorShare(line, ratings, ctx)),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
