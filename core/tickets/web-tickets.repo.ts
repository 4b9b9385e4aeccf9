import type { Knex } from 'knex';
import { formatTicketCode } from '../domain/ticket-code';
import type { StoredTicketRef } from './call-tickets.repo';
import { callbackDueAt, ratingNeedsCallback } from './call-verdict';
import type { TicketChannel } from './ticket-channel';
import type { StoredPhoto } from './ticket-photo';
import { TicketPhotosRepository } from './ticket-photos.repo';
import { newTrackingSecret, trackingSecretHash } from './tracking-secret';

export type Rating = 1 | 2 | 3;

/** A rating made on the citizen site, from a unit's or a desk's QR. */
export interface WebRating {
  unitId: number;
  deskId: number | null;
  rating: Rating;
  comment: string | null;
  /** E.164, when the citizen left one for the callback. */
  callerNumber: string | null;
  receivedAt: Date;
}

/** Feedback or a complaint sent to a unit from its page, or about a procedure from the procedure's page. */
export interface WebFeedback {
  /** Null when the citizen did not say which ward an every-ward procedure's feedback concerns. */
  unitId: number | null;
  /** The procedure it is about, when sent from the procedure's page. */
  procedureId?: number;
  text: string;
  /** E.164, when the citizen left one. */
  callerNumber: string | null;
  receivedAt: Date;
  /** Re-encoded photos, stored in the ticket's transaction (at most MAX_PHOTOS). */
  photos?: readonly StoredPhoto[];
}

/** A service request an Open311 client posted for a citizen (issue 13, item 7). */
export interface Open311Request {
  unitId: number;
  /** The category its service stands for; null for the uncategorised service and procedures. */
  category: string | null;
  /** The procedure its service is feedback about. */
  procedureId: number | null;
  description: string | null;
  /** E.164, when the client sent the citizen's phone. */
  callerNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  /** WGS84. */
  location: { lat: number; long: number } | null;
  address: string | null;
  addressId: string | null;
  mediaUrl: string | null;
  /** The name its API key was issued under. */
  clientName: string;
  receivedAt: Date;
}

/** Where a request is about, in words for its timeline step: the address, else its id, else the point. */
function placeOf(request: Open311Request): string | null {
  if (request.address !== null) return request.address;
  if (request.addressId !== null) return request.addressId;
  return request.location && `${request.location.lat}, ${request.location.long}`;
}

/** The first timeline step's data of a citizen's text: the text, and how many photos came with it. */
function sentText(feedback: WebFeedback): Record<string, unknown> {
  const photos = feedback.photos?.length ?? 0;
  return { text: feedback.text, ...(photos > 0 && { photos }) };
}

const TAKE_NEXT_CODE_VALUE = `
  insert into ticket_code_counters as counter (year, last_value) values (?, 1)
  on conflict (year) do update set last_value = counter.last_value + 1
  returning last_value`;

export type StoredWebTicket = StoredTicketRef & { trackingSecret: string };

/**
 * Writes the tickets the citizen site makes. The year's next code is taken in a statement of its
 * own, so concurrent submissions hold the counter's row only for that statement (inside the
 * ticket's transaction they would queue behind each other's commits); a failed insert leaves a gap
 * in the year's codes, never a duplicate. The ticket, its first timeline step and its photos commit
 * together.
 */
export class WebTicketsRepository {
  constructor(private readonly knex: Knex) {}

  /** "Not satisfied" asks for a callback, due as a phone rating's is; the notifications job tells the unit. */
  async recordRating(rating: WebRating, codeYear: number): Promise<StoredWebTicket> {
    const needsCallback = ratingNeedsCallback(rating.rating);
    return this.insert(
      codeYear,
      {
        channel: 'web-rating',
        unit_id: rating.unitId,
        desk_id: rating.deskId,
        caller_number: rating.callerNumber,
        received_at: rating.receivedAt,
        rating: rating.rating,
        needs_callback: needsCallback,
        due_at: needsCallback ? callbackDueAt(rating.receivedAt) : null,
        summary: rating.comment,
      },
      { kind: 'web.rating', data: { rating: rating.rating, deskId: rating.deskId, comment: rating.comment } },
    );
  }

  /** Feedback or a complaint for a unit: a new ticket the unit works like a call's, with its photos. */
  async recordFeedback(feedback: WebFeedback, codeYear: number): Promise<StoredWebTicket> {
    return this.insert(
      codeYear,
      {
        channel: 'web-feedback',
        unit_id: feedback.unitId,
        procedure_id: feedback.procedureId ?? null,
        caller_number: feedback.callerNumber,
        received_at: feedback.receivedAt,
        summary: feedback.text,
      },
      { kind: 'web.feedback', data: sentText(feedback) },
      feedback.photos,
    );
  }

  /** A service request from an Open311 client: a new ticket of the unit, worked like web feedback. */
  async recordOpen311Request(request: Open311Request, codeYear: number): Promise<StoredWebTicket> {
    const name = [request.firstName, request.lastName].filter((part) => part !== null).join(' ');
    return this.insert(
      codeYear,
      {
        channel: 'open311',
        unit_id: request.unitId,
        caller_number: request.callerNumber,
        received_at: request.receivedAt,
        summary: request.description,
        category: request.category,
        procedure_id: request.procedureId,
        location_lat: request.location?.lat ?? null,
        location_long: request.location?.long ?? null,
        address: request.address,
        address_id: request.addressId,
        media_url: request.mediaUrl,
      },
      {
        kind: 'open311.request',
        data: {
          text: request.description,
          client: request.clientName,
          name: name === '' ? null : name,
          email: request.email,
          place: placeOf(request),
          mediaUrl: request.mediaUrl,
        },
      },
    );
  }

  /**
   * A confidential complaint to the chairman about the unit's own officials: the unit is the one
   * it concerns, yet its staff never see it (leader_only, and so confidential: see
   * core/tickets/confidentiality.ts). Its notice goes to Home Affairs, never to the unit. Its
   * photos (evidence, often) are read as the complaint is, each view audited as a complaint view.
   */
  async recordComplaint(feedback: WebFeedback, codeYear: number): Promise<StoredWebTicket> {
    return this.insert(
      codeYear,
      {
        channel: 'web-feedback',
        unit_id: feedback.unitId,
        caller_number: feedback.callerNumber,
        received_at: feedback.receivedAt,
        summary: feedback.text,
        confidential: true,
        leader_only: true,
      },
      { kind: 'web.complaint', data: sentText(feedback) },
      feedback.photos,
    );
  }

  private async insert(
    codeYear: number,
    columns: Record<string, Knex.Value> & {
      channel: TicketChannel;
      received_at: Date;
      caller_number: string | null;
    },
    event: { kind: string; data: Record<string, unknown> },
    photos: readonly StoredPhoto[] = [],
  ): Promise<StoredWebTicket> {
    const taken = await this.knex.raw(TAKE_NEXT_CODE_VALUE, [codeYear]);
    const code = formatTicketCode(codeYear, Number(taken.rows[0].last_value));
    const trackingSecret = newTrackingSecret();
    return this.knex.transaction(async (trx) => {
      const [ticket] = await trx('tickets')
        .insert({
          ...columns,
          code,
          caller_anonymous: columns.caller_number === null,
          tracking_secret_hash: trackingSecretHash(code, trackingSecret),
        })
        .returning(['id', 'code']);
      await trx('ticket_events').insert({
        ticket_id: ticket.id,
        seq: 1,
        at: columns.received_at,
        kind: event.kind,
        data: JSON.stringify(event.data),
      });
      await new TicketPhotosRepository(trx).insert(Number(ticket.id), photos, columns.received_at);
      return { id: Number(ticket.id), code: ticket.code as string, trackingSecret };
    });
  }
}
