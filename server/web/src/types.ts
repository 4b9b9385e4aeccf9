import { CALL_OUTCOMES, type CallOutcome } from '../../../core/tickets/call-ticket';
import { TICKET_STATUSES, type TicketStatus } from '../../../core/tickets/ticket-status';

/** The shapes of /api/v1 the app reads (the schemas under server/api define them). */

export type Role = 'admin' | 'ward_official' | 'viewer';
export interface UnitRef {
  id: number;
  code: string;
  name: string;
}
export interface User {
  id: number;
  username: string;
  displayName: string | null;
  role: Role;
  units: UnitRef[];
  mustChangePassword: boolean;
}
export interface Session {
  user: User;
  csrfToken: string;
}

/** Stored values the server owns; the app reads them from core, never a copy. */
export const OUTCOMES = CALL_OUTCOMES;
export type Outcome = CallOutcome;
export const STATUSES = TICKET_STATUSES;
export type Status = TicketStatus;

export interface TicketSummary {
  id: number;
  code: string;
  receivedAt: string;
  unit: UnitRef | null;
  callerNumber: string | null;
  callerMasked: boolean;
  outcome: Outcome | null;
  abandonedStage: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  answeredByName: string | null;
  rating: 1 | 2 | 3 | null;
  status: Status;
  needsCallback: boolean;
  dueAt: string | null;
  confidential: boolean;
}
export interface TicketPage {
  items: TicketSummary[];
  nextCursor: string | null;
}
export interface TicketEvent {
  at: string;
  kind: string;
  data: Record<string, unknown>;
  actor: { id: number; username: string } | null;
}
export interface Media {
  name: string;
  url: string;
}
export interface Ticket extends TicketSummary {
  answeredAt: string | null;
  endedAt: string | null;
  endedBy: string | null;
  dialedCode: string | null;
  category: string | null;
  summary: string | null;
  recording: Media | null;
  voicemail: Media | null;
  events: TicketEvent[];
}
export interface TicketPatch {
  category?: string | null;
  summary?: string | null;
  status?: Status;
  statusReason?: string;
  dueAt?: string | null;
  confidential?: boolean;
}

export const UNIT_KINDS = ['ward', 'department', 'district'] as const;
export interface Contact {
  id: number;
  unitId: number;
  name: string;
  role: string | null;
  dial: string;
  confirmAnswer: boolean;
  active: boolean;
}
export interface Unit {
  id: number;
  code: string;
  name: string;
  kind: string;
  active: boolean;
  fallback: UnitRef | null;
  notifyEmails: string[];
  contacts: Contact[];
}
export interface UnitInput {
  code: string;
  name: string;
  kind: string;
  active: boolean;
  fallbackCode: string | null;
  notifyEmails: string[];
}
export interface ContactInput {
  name: string;
  role: string | null;
  dial: string;
  confirmAnswer: boolean;
  active: boolean;
}
export interface Shift {
  id?: number;
  contactId: number;
  weekday: number;
  start: string;
  end: string;
  priority: number;
}
export interface Override {
  id: number;
  contactId: number | null;
  startsAt: string;
  endsAt: string;
  priority: number;
  reason: string | null;
}
export interface DutyTarget {
  contactId: number;
  unitId: number;
  contactName: string;
  dial: { kind: 'phone'; e164: string } | { kind: 'endpoint'; endpoint: string } | string;
  confirmAnswer: boolean;
  isFallback: boolean;
}

export interface Dashboard {
  week: string;
  callsPerDay: { date: string; total: number; answered: number; missed: number }[];
  units: {
    code: string;
    name: string;
    calls: number;
    answered: number;
    missed: number;
    voicemail: number;
    abandoned: number;
    medianAnswerSeconds: number | null;
  }[];
  medianAnswerSeconds: number | null;
  openTickets: number;
  overdueTickets: number;
  ratings: Record<'1' | '2' | '3', number>;
}

/** GET /live and the "board" events of /live/stream. */
export type Reachability = 'reachable' | 'unreachable' | 'unknown';
export interface BoardCall {
  id: string;
  kind: 'citizen' | 'callback';
  stage: string;
  since: string;
  receivedAt: string;
  callerNumber: string | null;
  unit: UnitRef | null;
  party: { contactId: number; name: string } | null;
  ticketId: number | null;
}
export interface BoardUnit extends UnitRef {
  onDuty: {
    contactId: number;
    name: string;
    dial: string;
    isFallback: boolean;
    reachability: Reachability;
  }[];
}
export interface Board {
  at: string;
  telephony: boolean;
  calls: BoardCall[];
  units: BoardUnit[];
}
export interface CallbackStarted {
  callbackId: string;
  official: { contactId: number; name: string };
}
