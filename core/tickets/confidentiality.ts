import { maskPhone } from '../domain/phone';
import type { Role } from '../users/roles';

/** Someone a ticket is shown to: a signed-in user, or the recipients of a mail (digest, notices). */
export type Reader = { kind: 'user'; role: Role; unitIds: readonly number[] } | { kind: 'mail' };

export interface TicketFacts {
  unitId: number | null;
  confidential: boolean;
}

/** What a reader is shown of a ticket that exists for them. */
export interface TicketSight {
  caller: 'full' | 'masked' | 'hidden';
  /** Summary, category and notes. */
  text: boolean;
}

/**
 * The one rule of confidentiality:
 * - admins (Home Affairs) see every ticket, caller numbers in full;
 * - ward officials see their own units' tickets; a confidential one with its text, the caller masked;
 * - viewers see tickets that are not confidential, callers masked; a confidential one does not exist;
 * - a mail leaves the system: callers masked, a confidential ticket's caller and text hidden.
 * Returns null when, for this reader, the ticket does not exist.
 */
export function sightOf(reader: Reader, ticket: TicketFacts): TicketSight | null {
  if (reader.kind === 'mail') return mailSight(ticket.confidential);
  switch (reader.role) {
    case 'admin':
      return { caller: 'full', text: true };
    case 'ward_official':
      if (ticket.unitId === null || !reader.unitIds.includes(ticket.unitId)) return null;
      return { caller: ticket.confidential ? 'masked' : 'full', text: true };
    case 'viewer':
      return ticket.confidential ? null : { caller: 'masked', text: true };
  }
}

/** What a mail (the digest, its attachment, notices) shows of a ticket: it always exists there. */
export function mailSight(confidential: boolean): TicketSight {
  return confidential ? { caller: 'hidden', text: false } : { caller: 'masked', text: true };
}

/** The caller number as the sight allows: in full, masked, or a word instead of digits. */
export function callerAsSeen(number: string | null, sight: TicketSight): string | null {
  if (number === null || sight.caller === 'full') return number;
  return sight.caller === 'masked' ? maskPhone(number) : CONFIDENTIAL_CALLER;
}

export const CONFIDENTIAL_CALLER = 'phản ánh kín';

/**
 * The same rule as a database filter, for lists, search and exports: which units, whether
 * confidential tickets are in, and whose caller numbers may be shown (and so matched by a search).
 */
export interface TicketListScope {
  /** null: every unit. */
  unitIds: number[] | null;
  includesConfidential: boolean;
  fullCallers: 'all' | 'non-confidential' | 'none';
}

export function listScopeOf(reader: Reader): TicketListScope {
  if (reader.kind === 'mail') return { unitIds: null, includesConfidential: true, fullCallers: 'none' };
  switch (reader.role) {
    case 'admin':
      return { unitIds: null, includesConfidential: true, fullCallers: 'all' };
    case 'ward_official':
      return { unitIds: [...reader.unitIds], includesConfidential: true, fullCallers: 'non-confidential' };
    case 'viewer':
      return { unitIds: null, includesConfidential: false, fullCallers: 'none' };
  }
}

/**
 * The units whose tickets a reader's aggregates (dashboard, digest figures) count. Counts include
 * confidential tickets: a number per day, unit, outcome or rating names no caller and carries no text.
 */
export function aggregateUnitsOf(reader: Reader): number[] | null {
  return listScopeOf(reader).unitIds;
}

/** Only Home Affairs may mark a ticket confidential or lift the mark. */
export function mayChangeConfidentiality(reader: Reader): boolean {
  return reader.kind === 'user' && reader.role === 'admin';
}

/** The audit row of one view of a caller number in full (list, ticket page, export, live board). */
export const CALLER_VIEW = { action: 'ticket.view-caller', entity: 'ticket' } as const;
