import { type RatingCounts, type RatingSummary, summariseRatings } from './desk-ratings';

/**
 * Ratings per unit and desk for a period, from every channel that rates: the survey after a call,
 * a unit's own QR and a desk's QR on the citizen site. A pure function of the rows
 * ratings-table.repo.ts reads, shared by the dashboard and the monthly report.
 */
export const RATING_SOURCES = ['phone', 'unit-qr', 'desk-qr'] as const;
export type RatingSource = (typeof RATING_SOURCES)[number];

export interface RatingCountRow {
  unitId: number;
  /** null: not at a desk (a call, or the unit's own QR). */
  deskId: number | null;
  channel: 'phone' | 'web-rating';
  rating: 1 | 2 | 3;
  count: number;
}

export interface VisitorCountRow {
  deskId: number;
  month: string;
  visitors: number;
}

export interface RatedUnit {
  id: number;
  code: string;
  name: string;
}

export interface RatedDesk {
  id: number;
  unitId: number;
  name: string;
  active: boolean;
}

export interface RatingFigures extends RatingSummary {
  /** Very satisfied and satisfied over all ratings; null when nobody rated. */
  satisfiedShare: number | null;
}

export interface DeskRatingFigures extends RatingFigures {
  deskId: number;
  name: string;
  active: boolean;
}

export interface UnitRatingFigures {
  unitId: number;
  code: string;
  name: string;
  /** Ratings by channel; desk-qr sums the unit's desks. */
  bySource: Record<RatingSource, RatingFigures>;
  desks: DeskRatingFigures[];
  /** Every rating of the unit; the visitor share over the desks that recorded their visitors. */
  total: RatingFigures;
}

export interface RatingsTable {
  /** The months whose visitor counts apply: the period's whole months, null for a week or a range of days. */
  visitorMonths: string[] | null;
  units: UnitRatingFigures[];
}

export interface RatingsTableInput {
  units: RatedUnit[];
  desks: RatedDesk[];
  counts: RatingCountRow[];
  visitors: VisitorCountRow[];
  visitorMonths: string[] | null;
}

const FIELD = { 1: 'verySatisfied', 2: 'satisfied', 3: 'notSatisfied' } as const;

function sourceOf(row: RatingCountRow): RatingSource {
  if (row.channel === 'phone') return 'phone';
  return row.deskId === null ? 'unit-qr' : 'desk-qr';
}

function countsOf(rows: RatingCountRow[]): RatingCounts {
  const counts: RatingCounts = { verySatisfied: 0, satisfied: 0, notSatisfied: 0 };
  for (const row of rows) counts[FIELD[row.rating]] += row.count;
  return counts;
}

function figuresOf(counts: RatingCounts, visitors: number | null, rated?: number): RatingFigures {
  const summary = summariseRatings(counts, visitors, rated);
  return {
    ...summary,
    satisfiedShare: summary.total === 0 ? null : (counts.verySatisfied + counts.satisfied) / summary.total,
  };
}

/** A desk's visitors over the months, or null unless it recorded a count for every one of them. */
function deskVisitors(deskId: number, months: string[] | null, rows: VisitorCountRow[]): number | null {
  if (months === null) return null;
  const own = rows.filter((row) => row.deskId === deskId && months.includes(row.month));
  return own.length === months.length ? own.reduce((sum, row) => sum + row.visitors, 0) : null;
}

/**
 * One row per unit that has desks or was rated in the period (in the order given), each desk that
 * is active or was rated under it. A desk's visitor share is its QR's ratings over its visitors.
 */
export function ratingsTable(input: RatingsTableInput): RatingsTable {
  const units = input.units.flatMap((unit): UnitRatingFigures[] => {
    const rows = input.counts.filter((row) => row.unitId === unit.id);
    const desks = input.desks
      .filter((desk) => desk.unitId === unit.id)
      .map((desk) => {
        const counts = countsOf(rows.filter((row) => row.channel === 'web-rating' && row.deskId === desk.id));
        return {
          deskId: desk.id,
          name: desk.name,
          active: desk.active,
          ...figuresOf(counts, deskVisitors(desk.id, input.visitorMonths, input.visitors)),
        };
      })
      .filter((desk) => desk.active || desk.total > 0);
    if (rows.length === 0 && desks.length === 0) return [];
    const counted = desks.filter((desk) => desk.visitors !== null);
    const visitors =
      counted.length === 0 ? null : counted.reduce((sum, desk) => sum + (desk.visitors ?? 0), 0);
    const bySource = Object.fromEntries(
      RATING_SOURCES.map((source) => [
        source,
        figuresOf(countsOf(rows.filter((row) => sourceOf(row) === source)), null),
      ]),
    ) as Record<RatingSource, RatingFigures>;
    return [
      {
        unitId: unit.id,
        code: unit.code,
        name: unit.name,
        bySource,
        desks,
        total: figuresOf(
          countsOf(rows),
          visitors,
          counted.reduce((sum, desk) => sum + desk.total, 0),
        ),
      },
    ];
  });
  return { visitorMonths: input.visitorMonths, units };
}
