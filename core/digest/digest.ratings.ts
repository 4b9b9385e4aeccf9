import { GLOSSARY, RATING_SOURCE_TERMS, RATING_TERMS } from '../reports/glossary';
import { RATED_SHARE_TARGET } from '../tickets/desk-ratings';
import type { RatingFigures, RatingsTable, UnitRatingFigures } from '../tickets/ratings-table';
import { formatCount, formatShare, unitTitle } from './digest.format';
import { CELL, COLOURS, escapeHtml, FONT, muted, NUM, TABLE, unitNameRow } from './digest.html-style';

/**
 * The monthly report's ratings per unit and desk, in both parts of the mail: each unit's name on a
 * row of its own, then one line per channel and per desk, each line's name above its figures, so
 * a long desk name never squeezes the columns on a phone.
 */
const COLUMNS = [
  RATING_TERMS[1].vi,
  RATING_TERMS[2].vi,
  RATING_TERMS[3].vi,
  GLOSSARY.satisfiedShare.vi,
  GLOSSARY.ratedShare.vi,
];

interface RatingLine {
  label: string;
  figures: RatingFigures;
  isDesk: boolean;
  /** Visitors are counted at desks: a call's survey or the unit's own QR has no share of them. */
  countsVisitors: boolean;
}

/** The lines of a unit: its channels that were rated, its desks, and the whole unit. */
function linesOf(unit: UnitRatingFigures): RatingLine[] {
  const channel = (source: 'phone' | 'unit-qr'): RatingLine[] =>
    unit.bySource[source].total > 0
      ? [
          {
            label: RATING_SOURCE_TERMS[source].vi,
            figures: unit.bySource[source],
            isDesk: false,
            countsVisitors: false,
          },
        ]
      : [];
  return [
    ...channel('phone'),
    ...channel('unit-qr'),
    ...unit.desks.map((desk) => ({
      label: `${RATING_SOURCE_TERMS['desk-qr'].vi}: ${desk.name}`,
      figures: desk,
      isDesk: true,
      countsVisitors: true,
    })),
    { label: 'Cả đơn vị', figures: unit.total, isDesk: false, countsVisitors: true },
  ];
}

/** The share of visitors who rated and whether it meets the target, or that no count was recorded. */
function visitorShareText({ figures, countsVisitors }: RatingLine): string {
  if (!countsVisitors) return '—';
  if (figures.visitors === null) return GLOSSARY.noVisitorCount.vi;
  if (figures.ratedShare === null)
    return `${formatCount(figures.visitors)} ${GLOSSARY.visitors.vi.toLowerCase()}`;
  const verdict = figures.meetsTarget ? GLOSSARY.targetMet.vi : GLOSSARY.targetNotMet.vi;
  return `${formatShare(figures.ratedShare)} (${verdict})`;
}

const TARGET_NOTE = `${GLOSSARY.ratedShare.vi}: số lượt đánh giá tại các quầy đã ghi số lượt khách của tháng, chia cho số lượt khách; mục tiêu ${formatShare(RATED_SHARE_TARGET)}.`;

export function ratingsTableHtml(table: RatingsTable): string {
  if (table.units.length === 0) return muted('Không có lượt đánh giá nào trong kỳ.');
  const span = COLUMNS.length;
  const head = COLUMNS.map(
    (h) =>
      `<th style="${NUM}white-space:normal;background:${COLOURS.head};font-weight:bold;">${escapeHtml(h)}</th>`,
  ).join('');
  const body = table.units
    .map(
      (unit) =>
        unitNameRow(unitTitle(unit), span) +
        linesOf(unit)
          .map((line) => {
            const { label, figures, isDesk } = line;
            const visitorShare = visitorShareText(line);
            const missed = figures.meetsTarget === false ? `color:${COLOURS.warn};font-weight:bold;` : '';
            const cells = [
              formatCount(figures.verySatisfied),
              formatCount(figures.satisfied),
              formatCount(figures.notSatisfied),
              formatShare(figures.satisfiedShare),
            ];
            return (
              `<tr><td colspan="${span}"${isDesk ? ' class="desk"' : ''} style="${FONT}font-size:13px;color:${COLOURS.muted};padding:6px 8px 0;">${escapeHtml(label)}</td></tr>` +
              `<tr>${cells.map((c) => `<td style="${NUM}">${c}</td>`).join('')}` +
              `<td style="${CELL}text-align:right;${missed}">${escapeHtml(visitorShare)}</td></tr>`
            );
          })
          .join(''),
    )
    .join('');
  return `<table ${TABLE}><tr>${head}</tr>${body}</table>${muted(TARGET_NOTE)}`;
}

export function ratingsTableText(table: RatingsTable): string[] {
  if (table.units.length === 0) return ['Không có lượt đánh giá nào trong kỳ.'];
  const lines = table.units.flatMap((unit) => [
    unitTitle(unit),
    ...linesOf(unit).map(
      (line) =>
        `  ${line.label}: ${formatCount(line.figures.verySatisfied)} rất hài lòng, ${formatCount(line.figures.satisfied)} hài lòng, ${formatCount(line.figures.notSatisfied)} không hài lòng; ${GLOSSARY.satisfiedShare.vi.toLowerCase()} ${formatShare(line.figures.satisfiedShare)}; ${GLOSSARY.ratedShare.vi.toLowerCase()}: ${visitorShareText(line)}`,
    ),
  ]);
  return [...lines, TARGET_NOTE];
}
