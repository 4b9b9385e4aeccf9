import { ValidationError } from '../../../core/errors';
import type { TicketStatus } from '../../../core/reports/call-log.labels';
import { InvalidTransitionError } from '../http/api-errors';

/** Forward along new → in_progress → resolved → closed; a resolved ticket may reopen, with a reason. */
const NEXT: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['in_progress'],
  in_progress: ['resolved'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

const NEEDS_REASON: ReadonlyArray<[TicketStatus, TicketStatus]> = [['resolved', 'in_progress']];

/**
 * Throws InvalidTransitionError (409) unless `from` may become `to`, and a ValidationError naming
 * statusReason when the move needs a reason and has none.
 */
export function checkTransition(from: TicketStatus, to: TicketStatus, reason: string | undefined): void {
  if (!NEXT[from].includes(to)) {
    const allowed = NEXT[from];
    throw new InvalidTransitionError(
      from,
      to,
      allowed.length > 0 ? `from ${from} it may only become ${allowed.join(' or ')}` : `${from} is final`,
    );
  }
  if (reason === undefined && NEEDS_REASON.some(([a, b]) => a === from && b === to)) {
    const message = `is required to move a ticket from ${from} back to ${to}`;
    throw new ValidationError(`Invalid body: statusReason: ${message}`, {
      issues: [{ path: 'statusReason', message }],
    });
  }
}
