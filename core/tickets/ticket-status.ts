/** Where a ticket stands in the unit's handling of it. */
export const TICKET_STATUSES = ['new', 'in_progress', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses of work still to do: counted as open, and overdue once past the due time. */
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'in_progress'];

/**
 * Forward along new → in_progress → resolved → closed. A step may be skipped (a spam call resolved
 * or closed at once) and a resolved ticket may reopen, each with a reason; closed is final.
 */
const NEXT: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['in_progress', 'resolved', 'closed'],
  in_progress: ['resolved', 'closed'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

const NEEDS_REASON: ReadonlyArray<readonly [TicketStatus, TicketStatus]> = [
  ['resolved', 'in_progress'],
  ['new', 'resolved'],
  ['new', 'closed'],
  ['in_progress', 'closed'],
];

export type TransitionProblem =
  | { kind: 'not-allowed'; allowed: readonly TicketStatus[] }
  | { kind: 'needs-reason' };

/** The statuses a ticket may move to next. */
export function nextStatuses(from: TicketStatus): readonly TicketStatus[] {
  return NEXT[from];
}

/** Why `from` may not become `to` (with or without a reason given), or null when it may. */
export function transitionProblem(
  from: TicketStatus,
  to: TicketStatus,
  hasReason: boolean,
): TransitionProblem | null {
  if (!NEXT[from].includes(to)) return { kind: 'not-allowed', allowed: NEXT[from] };
  if (!hasReason && NEEDS_REASON.some(([a, b]) => a === from && b === to)) return { kind: 'needs-reason' };
  return null;
}
