import { issue, ValidationError } from '../../../core/errors';
import { type TicketStatus, transitionProblem } from '../../../core/tickets/ticket-status';
import { InvalidTransitionError } from '../http/api-errors';

/**
 * Throws InvalidTransitionError (409) unless `from` may become `to`, and a ValidationError naming
 * statusReason when the move needs a reason and has none.
 */
export function checkTransition(from: TicketStatus, to: TicketStatus, reason: string | undefined): void {
  const problem = transitionProblem(from, to, reason !== undefined);
  if (problem?.kind === 'not-allowed') {
    const { allowed } = problem;
    throw new InvalidTransitionError(
      from,
      to,
      allowed.length > 0 ? `from ${from} it may only become ${allowed.join(' or ')}` : `${from} is final`,
    );
  }
  if (problem?.kind === 'needs-reason') {
    throw new ValidationError('body', [
      issue(
        'statusReason',
        'reason-required',
        `is required to move a ticket from ${from} to ${to} (a reopening or a skipped step)`,
        {
          from,
          to,
        },
      ),
    ]);
  }
}
