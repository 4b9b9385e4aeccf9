/** The Gia Lâm practice: at least 30 % of a desk's visitors should rate it. */
export const RATED_SHARE_TARGET = 0.3;

export interface RatingCounts {
  verySatisfied: number;
  satisfied: number;
  notSatisfied: number;
}

export interface RatingSummary extends RatingCounts {
  total: number;
  /** Visitors the desk recorded for the period; null when it recorded none. */
  visitors: number | null;
  /** Ratings over visitors; null without a visitor count (or with zero visitors). */
  ratedShare: number | null;
  meetsTarget: boolean | null;
}

/**
 * What a desk's (or a unit's) ratings of a period say, with the share of visitors who rated:
 * `rated` of them (by default every rating; a unit counts only those at desks that recorded visitors).
 */
export function summariseRatings(
  counts: RatingCounts,
  visitors: number | null,
  rated: number = counts.verySatisfied + counts.satisfied + counts.notSatisfied,
): RatingSummary {
  const total = counts.verySatisfied + counts.satisfied + counts.notSatisfied;
  const ratedShare = visitors ? rated / visitors : null;
  return {
    ...counts,
    total,
    visitors,
    ratedShare,
    meetsTarget: ratedShare === null ? null : ratedShare >= RATED_SHARE_TARGET,
  };
}
