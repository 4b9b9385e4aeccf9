import type { InstantRange } from '../domain/calendar';
import type { RatingsTable } from '../tickets/ratings-table';

export type DigestKind = 'weekly' | 'monthly';

export interface DigestPeriod {
  kind: DigestKind;
  /** '2026-W47' for a week, '2026-10' for a month: the digests table's `period`. */
  label: string;
  range: InstantRange;
  previous: { label: string; range: InstantRange };
}

/** Figures of a whole period, for the headline and its change against the period before. */
export interface PeriodTotals {
  calls: number;
  answered: number;
  missed: number;
  voicemails: number;
  abandoned: number;
  medianWaitSeconds: number | null;
  ratings: number;
  notSatisfied: number;
}

export interface RatingCounts {
  verySatisfied: number;
  satisfied: number;
  notSatisfied: number;
}

/** One row of the per-unit table. Open and overdue tickets are counted as of the report's `asOf`. */
export interface UnitFigures {
  /** null: calls that never reached a unit (no key pressed, invalid input). */
  unitId: number | null;
  code: string | null;
  name: string;
  calls: number;
  answered: number;
  medianWaitSeconds: number | null;
  worstWaitSeconds: number | null;
  missed: number;
  voicemails: number;
  abandoned: number;
  openTickets: number;
  overdueTickets: number;
  ratings: RatingCounts;
}

/** A ticket the digest names, to be opened in the app. */
export interface TicketRef {
  id: number;
  code: string;
}

export interface CallbackWaiting extends TicketRef {
  unitName: string | null;
  receivedAt: Date;
  dueAt: Date | null;
  /** Masked: an e-mail is no place for a citizen's full number. */
  caller: string;
  outcome: string | null;
}

export interface CategoryCount {
  /** null: tickets nobody has categorised yet. */
  category: string | null;
  count: number;
}

export interface OverdueByUnit {
  unitName: string | null;
  count: number;
  oldestDueAt: Date;
  /** The oldest few, for the reader to open. */
  tickets: TicketRef[];
}

export interface DailyCount {
  /** 'YYYY-MM-DD' in the report's time zone. */
  date: string;
  calls: number;
  answered: number;
}

/** Everything a digest says, computed in SQL; rendering is a pure function of this. */
export interface DigestReport {
  period: DigestPeriod;
  timeZone: string;
  /** The admin app's address (PUBLIC_URL): ticket codes link to their page. */
  publicUrl: string;
  hotlineName: string;
  asOf: Date;
  current: PeriodTotals;
  previous: PeriodTotals;
  units: UnitFigures[];
  days: DailyCount[];
  categories: CategoryCount[];
  callbacks: { total: number; items: CallbackWaiting[] };
  overdue: { total: number; byUnit: OverdueByUnit[] };
  /** The monthly report's ratings per unit and desk (every channel); null in a weekly digest. */
  ratings: RatingsTable | null;
}
