import {
  callerAsSeen,
  isAwaitingChoice,
  type Reader,
  sightOf,
  type TicketSight,
} from '../../../core/tickets/confidentiality';
import type { TicketRecord } from '../../../core/tickets/ticket-record';
import { readerOf, type SessionUser } from '../auth/session-user';
import type { TicketDetailRecord, TicketEventRecord } from './tickets.repo';
import type { Ticket, TicketEvent, TicketSummary } from './tickets.schemas';

/** A ticket as one user sees it, by the confidentiality rule: its sight, and the API's shapes under it. */

export type MediaKind = 'recording' | 'voicemail';

type SightFacts = Pick<TicketRecord, 'unit' | 'confidential' | 'leaderOnly' | 'channel' | 'outcome'>;
type ReadTicket = SightFacts & Pick<TicketRecord, 'id'>;

function sightAs(reader: Reader, ticket: SightFacts) {
  const unitId = ticket.unit?.id ?? null;
  return sightOf(reader, {
    unitId,
    confidential: ticket.confidential,
    leaderOnly: ticket.leaderOnly,
    awaitingChoice: isAwaitingChoice({ ...ticket, unitId }),
  });
}

/** The sight of a ticket for this user; null when, for them, it does not exist. */
export function sightFor(user: SessionUser, ticket: SightFacts) {
  return sightAs(readerOf(user), ticket);
}

/**
 * The sight of each ticket a scoped read returned, the user made a reader once for the whole read
 * (a page, an export): the filter and the rule agree (test/core/confidentiality).
 */
export function sightsOfRead(user: SessionUser): (ticket: ReadTicket) => TicketSight {
  const reader = readerOf(user);
  return (ticket) => {
    const sight = sightAs(reader, ticket);
    if (!sight) throw new Error(`ticket ${ticket.id} was read outside the scope of user ${user.id}`);
    return sight;
  };
}

/** sightsOfRead for a read of one ticket. */
export function sightOfRead(user: SessionUser, ticket: ReadTicket): TicketSight {
  return sightsOfRead(user)(ticket);
}

/** The stricter of two sights: what a user learns from a change is what both states allow. */
export function stricter(a: TicketSight, b: TicketSight): TicketSight {
  const rank = { full: 0, masked: 1, hidden: 2 } as const;
  return { caller: rank[a.caller] >= rank[b.caller] ? a.caller : b.caller, text: a.text && b.text };
}

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function summaryOf(row: TicketRecord, sight: TicketSight): TicketSummary {
  return {
    id: row.id,
    code: row.code,
    channel: row.channel,
    receivedAt: row.receivedAt.toISOString(),
    unit: row.unit,
    callerNumber: callerAsSeen(row.callerNumber, sight),
    callerMasked: sight.caller !== 'full' && row.callerNumber !== null,
    outcome: row.outcome,
    abandonedStage: row.abandonedStage,
    waitSeconds: row.waitSeconds,
    talkSeconds: row.talkSeconds,
    answeredByName: row.answeredByName,
    rating: row.rating,
    status: row.status,
    needsCallback: row.needsCallback,
    dueAt: iso(row.dueAt),
    category: sight.text ? row.category : null,
    summary: sight.text ? row.summary : null,
    confidential: row.confidential,
    leaderOnly: row.leaderOnly,
    spam: row.spam,
  };
}

export function ticketOf(
  record: TicketDetailRecord,
  sight: TicketSight,
  events: TicketEventRecord[],
): Ticket {
  // A file the retention job deleted keeps its name (the timeline names it), with no address to play.
  const media = (kind: MediaKind, name: string | null, kept: string | null, expiredAt: Date | null) =>
    expiredAt !== null && kept !== null
      ? { name: kept, url: null, expiredAt: expiredAt.toISOString() }
      : name === null
        ? null
        : { name, url: `/api/v1/tickets/${record.id}/${kind}`, expiredAt: null };
  return {
    ...summaryOf(record, sight),
    answeredAt: iso(record.answeredAt),
    endedAt: iso(record.endedAt),
    endedBy: record.endedBy,
    dialedCode: record.dialedCode,
    publicAnswer: sight.text ? record.publicAnswer : null,
    procedure: sight.text ? record.procedure : null,
    recording: media(
      'recording',
      record.recordingName,
      record.storedRecordingName,
      record.recordingExpiredAt,
    ),
    voicemail: media(
      'voicemail',
      record.voicemailName,
      record.storedVoicemailName,
      record.voicemailExpiredAt,
    ),
    // Whoever may read the ticket's text may see its photos (core/tickets/confidentiality.ts).
    photos: sight.text
      ? record.photos.map((photo) => ({
          n: photo.n,
          url: photo.deletedAt === null ? `/api/v1/tickets/${record.id}/photos/${photo.n}` : null,
          width: photo.width,
          height: photo.height,
          expiredAt: iso(photo.deletedAt),
        }))
      : [],
    events: events.map(eventOf),
  };
}

export function eventOf(event: TicketEventRecord): TicketEvent {
  return { id: event.id, at: event.at.toISOString(), kind: event.kind, data: event.data, actor: event.actor };
}
