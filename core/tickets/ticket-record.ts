import { formatNational } from '../domain/phone';
import type { CallOutcome } from './call-ticket';
import { callerAsSeen, type TicketSight } from './confidentiality';
import type { TicketChannel } from './ticket-channel';
import type { TicketKey } from './ticket-keyset';
import type { TicketStatus } from './ticket-status';

export interface TicketUnitRef {
  id: number;
  code: string;
  name: string;
}

/** A ticket as the call log reads it (list, export, digest attachment): every reader's one shape. */
export interface TicketRecord {
  id: number;
  code: string;
  channel: TicketChannel;
  receivedAt: Date;
  /** Where a keyset page that ends here stops (received_at to the microsecond). */
  key: TicketKey;
  unit: TicketUnitRef | null;
  /** Stored as E.164; null for an anonymous caller. */
  callerNumber: string | null;
  outcome: CallOutcome | null;
  abandonedStage: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  answeredByName: string | null;
  rating: 1 | 2 | 3 | null;
  status: TicketStatus;
  needsCallback: boolean;
  dueAt: Date | null;
  confidential: boolean;
  /** A confidential complaint to the chairman (see core/tickets/confidentiality.ts). */
  leaderOnly: boolean;
  /** Marked as spam by Home Affairs (a citizen-site submission). */
  spam: boolean;
  category: string | null;
  summary: string | null;
}

/**
 * One ticket as the call log report shows it. The caller number is already in the form the reader
 * may see (masked where their role or the ticket's confidentiality requires): the writers print it as given.
 */
export type CallLogRow = Pick<
  TicketRecord,
  | 'code'
  | 'channel'
  | 'receivedAt'
  | 'callerNumber'
  | 'outcome'
  | 'waitSeconds'
  | 'talkSeconds'
  | 'answeredByName'
  | 'rating'
  | 'status'
  | 'needsCallback'
  | 'category'
  | 'summary'
  | 'dueAt'
> & { unitCode: string | null; unitName: string | null };

/**
 * The report row of a ticket as `sight` lets its reader see it. Numbers are in the national layout
 * with spaces, so a spreadsheet keeps them as text instead of a number losing its 0. Where the text
 * is hidden, the summary cell says `hiddenSummary` (a mail says the ticket has one) or is empty.
 */
export function callLogRowOf(
  record: TicketRecord,
  sight: TicketSight,
  hiddenSummary: string | null = null,
): CallLogRow {
  const national = record.callerNumber === null ? null : formatNational(record.callerNumber);
  return {
    code: record.code,
    channel: record.channel,
    receivedAt: record.receivedAt,
    unitCode: record.unit?.code ?? null,
    unitName: record.unit?.name ?? null,
    callerNumber: callerAsSeen(national, sight),
    outcome: record.outcome,
    waitSeconds: record.waitSeconds,
    talkSeconds: record.talkSeconds,
    answeredByName: record.answeredByName,
    rating: record.rating,
    status: record.status,
    needsCallback: record.needsCallback,
    category: sight.text ? record.category : null,
    summary: sight.text ? record.summary : record.summary ? hiddenSummary : null,
    dueAt: record.dueAt,
  };
}
