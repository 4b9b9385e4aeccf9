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

/** Viewers never see caller numbers; on a confidential ticket only admins do. */
export function isCallerMasked(user: SessionUser, ticket: { confidential: boolean }): boolean {
  return user.role === 'viewer' || (ticket.confidential && user.role !== 'admin');
}

export function callerShown(number: string | null, masked: boolean): string | null {
  return number !== null && masked ? maskPhone(number) : number;
}
