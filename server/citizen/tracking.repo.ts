import type { Knex } from 'knex';
import type { TicketStatus } from '../../core/tickets/ticket-status';

/** What a citizen with the code and the secret may see of a ticket, and nothing more. */
export interface TrackedTicket {
  id: number;
  code: string;
  status: TicketStatus;
  receivedAt: Date;
  unitName: string | null;
  publicAnswer: string | null;
  /** A confidential complaint to the chairman: its page names no unit and no unit's answer. */
  leaderOnly: boolean;
  secretHash: string | null;
  /** How many photos came with it: the citizen is told the count, never shown a photo. */
  photoCount: number;
}

export type PublicStep =
  | { at: Date; kind: 'status'; status: TicketStatus }
  | { at: Date; kind: 'reply'; text: string };

export const CITIZEN_REPLY = 'citizen.reply';

export class TrackingRepository {
  constructor(private readonly knex: Knex) {}

  /** The tickets under these codes (canonical, as codesMeantBy gives them: the code's unique index finds them). */
  async byCodes(codes: readonly string[]): Promise<TrackedTicket[]> {
    if (codes.length === 0) return [];
    const rows = await this.knex('tickets as t')
      .leftJoin('units as u', 'u.id', 't.unit_id')
      .whereIn('t.code', codes)
      .select(
        't.id',
        't.code',
        't.status',
        't.received_at',
        't.public_answer',
        't.tracking_secret_hash',
        't.leader_only',
        'u.name',
        this.knex.raw('(select count(*) from ticket_photos p where p.ticket_id = t.id) as photo_count'),
      );
    return rows.map((row) => ({
      id: Number(row.id),
      code: row.code,
      status: row.status,
      receivedAt: row.received_at,
      unitName: row.name ?? null,
      publicAnswer: row.public_answer,
      leaderOnly: row.leader_only,
      secretHash: row.tracking_secret_hash,
      photoCount: Number(row.photo_count),
    }));
  }

  /** The status changes and the citizen's own replies; internal notes and edits never. */
  async steps(ticketId: number): Promise<PublicStep[]> {
    const rows = await this.knex('ticket_events')
      .where({ ticket_id: ticketId })
      .whereIn('kind', ['status.changed', CITIZEN_REPLY])
      .orderBy([{ column: 'at' }, { column: 'id' }])
      .select('at', 'kind', 'data');
    return rows.map((row) =>
      row.kind === CITIZEN_REPLY
        ? { at: row.at, kind: 'reply', text: String(row.data.text ?? '') }
        : { at: row.at, kind: 'status', status: row.data.to as TicketStatus },
    );
  }

  async addReply(ticketId: number, text: string, at: Date): Promise<void> {
    await this.knex('ticket_events').insert({
      ticket_id: ticketId,
      at,
      kind: CITIZEN_REPLY,
      data: JSON.stringify({ text }),
    });
  }
}
