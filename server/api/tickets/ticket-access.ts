import { maskPhone } from '../../../core/domain/phone';
import type { SessionUser } from '../auth/session-user';

interface TicketScope {
  unit: { id: number } | null;
  confidential: boolean;
}

/**
 * Who may open a ticket: admins any; ward officials only their own units' (confidential ones too);
 * viewers any that is not confidential. Anyone else is told the ticket does not exist.
 */
export function canOpenTicket(user: SessionUser, ticket: TicketScope): boolean {
  if (user.role === 'admin') return true;
  if (user.role === 'viewer') return !ticket.confidential;
  return ticket.unit !== null && user.units.some((unit) => unit.id === ticket.unit?.id);
}

/**
 * Whose caller numbers a user sees in full: admins every ticket's; ward officials those of tickets
 * not marked confidential; viewers none.
 */
export type CallerVisibility = 'all' | 'non-confidential' | 'none';

export function callerVisibility(user: SessionUser): CallerVisibility {
  if (user.role === 'admin') return 'all';
  return user.role === 'viewer' ? 'none' : 'non-confidential';
}

export function isCallerMasked(user: SessionUser, ticket: { confidential: boolean }): boolean {
  const visibility = callerVisibility(user);
  return visibility === 'none' || (visibility === 'non-confidential' && ticket.confidential);
}

/** The audit row of one view of a caller number in full, from a list page or a ticket's page. */
export const CALLER_VIEW = { action: 'ticket.view-caller', entity: 'ticket' } as const;

export function callerShown(number: string | null, masked: boolean): string | null {
  return number !== null && masked ? maskPhone(number) : number;
}
