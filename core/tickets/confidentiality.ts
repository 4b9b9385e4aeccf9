import { maskPhone } from '../domain/phone';
import type { Role } from '../users/roles';
import type { CallOutcome } from './call-ticket';
import type { TicketChannel } from './ticket-channel';

/**
 * Someone a ticket is shown to: a signed-in user, or the recipients of a mail (digest, notices).
 * `readsComplaints` is the permission an admin grants (users.reads_complaints) to read confidential
 * complaints to the chairman with their sender's contact: the chairman's account and the office clerk.
 */
export type Reader =
  | { kind: 'user'; role: Role; unitIds: readonly number[]; readsComplaints: boolean }
  | { kind: 'mail' };

export interface TicketFacts {
  unitId: number | null;
  confidential: boolean;
  /**
   * A confidential complaint to the chairman (tickets.leader_only): about the unit's own officials,
   * so the unit's staff never learn it exists. Always also `confidential` (a check in the database).
   */
  leaderOnly: boolean;
  /** A call whose caller has not chosen in the menu yet (see isAwaitingChoice). */
  awaitingChoice: boolean;
}

/**
 * A call still before the menu's choice: a phone ticket with no unit, no outcome and not a
 * complaint. Its caller may yet press the confidential complaint key, and an admin who saw the
 * number then would know who complained: until the choice, the caller is masked for every reader
 * but those who read complaints. A choice (a unit, the operator, a wrong key, hanging up) ends it.
 */
export function isAwaitingChoice(ticket: {
  channel: TicketChannel;
  unitId: number | null;
  outcome: CallOutcome | null;
  leaderOnly: boolean;
}): boolean {
  return (
    ticket.channel === 'phone' && ticket.unitId === null && ticket.outcome === null && !ticket.leaderOnly
  );
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
 * A confidential complaint to the chairman (leaderOnly) is stronger:
 * - whoever holds `readsComplaints` (an admin or a viewer) sees it whole, the sender's contact included;
 * - other admins see it exists and its text, the sender's contact masked;
 * - for ward officials (its own unit's included), other viewers and every mail it does not exist.
 * A call still before the menu's choice may become one: its caller is masked but for those who
 * hold `readsComplaints`.
 * Returns null when, for this reader, the ticket does not exist.
 */
export function sightOf(reader: Reader, ticket: TicketFacts): TicketSight | null {
  if (ticket.leaderOnly) return leaderOnlySight(reader);
  if (reader.kind === 'mail') return mailSight(ticket.confidential);
  const sight = userSight(reader, ticket);
  if (sight?.caller === 'full' && ticket.awaitingChoice && !holdsComplaintsPermission(reader))
    return { ...sight, caller: 'masked' };
  return sight;
}

function userSight(reader: Reader & { kind: 'user' }, ticket: TicketFacts): TicketSight | null {
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

function leaderOnlySight(reader: Reader): TicketSight | null {
  if (!readsLeaderOnly(reader)) return null;
  return { caller: holdsComplaintsPermission(reader) ? 'full' : 'masked', text: true };
}

/** Whether confidential complaints to the chairman exist for this reader at all. */
export function readsLeaderOnly(reader: Reader): boolean {
  return reader.kind === 'user' && (reader.role === 'admin' || holdsComplaintsPermission(reader));
}

/** The permission counts for admins and viewers only: a unit's staff never read complaints about it. */
function holdsComplaintsPermission(reader: Reader): boolean {
  return reader.kind === 'user' && reader.readsComplaints && reader.role !== 'ward_official';
}

/** Who may be granted `readsComplaints`: never a ward official (unit staff). */
export function mayReadComplaints(role: Role): boolean {
  return role !== 'ward_official';
}

/**
 * What a mail (the digest, its attachment, notices) shows of a ticket that is not leader-only: it
 * always exists there. A leader-only ticket is in no mail: its own notice to Home Affairs names
 * only its code (server/jobs/notifications.render.ts renderComplaintNotice).
 */
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
 * The three kinds of ticket the rule tells apart: a plain one, a confidential one (its caller
 * masked for the unit), and a confidential complaint to the chairman (leader-only).
 */
export const TICKET_KINDS = ['plain', 'confidential', 'leader-only'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

export function kindOf(ticket: Pick<TicketFacts, 'confidential' | 'leaderOnly'>): TicketKind {
  return ticket.leaderOnly ? 'leader-only' : ticket.confidential ? 'confidential' : 'plain';
}

/** Whose caller numbers a read shows in full, as a database filter tells them apart. */
export interface CallerVisibility {
  /** The kinds whose callers are shown in full (always among the scope's `kinds`). */
  kinds: readonly TicketKind[];
  /** Whether, among those, a call still before the menu's choice is shown in full too. */
  awaitingChoice: boolean;
}

const NO_CALLERS: CallerVisibility = { kinds: [], awaitingChoice: false };

/**
 * The same rule as a database filter, for lists, search and exports: which units, which kinds of
 * ticket are in, and whose caller numbers may be shown (and so matched by a search).
 */
export interface TicketListScope {
  /** null: every unit. */
  unitIds: number[] | null;
  kinds: readonly TicketKind[];
  fullCallers: CallerVisibility;
}

export function listScopeOf(reader: Reader): TicketListScope {
  if (reader.kind === 'mail')
    return { unitIds: null, kinds: ['plain', 'confidential'], fullCallers: NO_CALLERS };
  const complaints: TicketKind[] = readsLeaderOnly(reader) ? ['leader-only'] : [];
  const holder = holdsComplaintsPermission(reader);
  switch (reader.role) {
    case 'admin':
      return {
        unitIds: null,
        kinds: ['plain', 'confidential', ...complaints],
        fullCallers: {
          kinds: ['plain', 'confidential', ...(holder ? complaints : [])],
          awaitingChoice: holder,
        },
      };
    case 'ward_official':
      return {
        unitIds: [...reader.unitIds],
        kinds: ['plain', 'confidential'],
        fullCallers: { kinds: ['plain'], awaitingChoice: false },
      };
    case 'viewer':
      return {
        unitIds: null,
        kinds: ['plain', ...complaints],
        fullCallers: { kinds: holder ? complaints : [], awaitingChoice: false },
      };
  }
}

/**
 * The public (Open311's requests, anyone reading without an account): only plain tickets exist, a
 * confidential one and a complaint to the chairman never; no caller number is shown at all.
 */
export const PUBLIC_LIST_SCOPE: TicketListScope = {
  unitIds: null,
  kinds: ['plain'],
  fullCallers: NO_CALLERS,
};

/**
 * What a reader's aggregates (dashboard, digest figures) count. Counts include confidential
 * tickets: a number per day, unit, outcome or rating names no caller and carries no text. A
 * confidential complaint to the chairman is counted only where it exists: a count that grew by one
 * would tell a ward that someone complained about it.
 */
export interface TicketAggregateScope {
  /** null: every unit. */
  unitIds: number[] | null;
  includesLeaderOnly: boolean;
}

export function aggregateScopeOf(reader: Reader): TicketAggregateScope {
  const scope = listScopeOf(reader);
  return { unitIds: scope.unitIds, includesLeaderOnly: scope.kinds.includes('leader-only') };
}

/** Only Home Affairs may mark a ticket confidential or lift the mark (never a complaint's: it stays). */
export function mayChangeConfidentiality(reader: Reader): boolean {
  return reader.kind === 'user' && reader.role === 'admin';
}

/** The audit row of one view of a caller number in full (list, ticket page, export, live board). */
export const CALLER_VIEW = { action: 'ticket.view-caller', entity: 'ticket' } as const;

/**
 * The audit row of every view of a confidential complaint to the chairman, whatever was shown of
 * its sender: its page, its recording or voice message, its photos, an export or list carrying it.
 */
export const COMPLAINT_VIEW = { action: 'ticket.view-complaint', entity: 'ticket' } as const;
