import type { Knex } from 'knex';
import type { StoredPhoto } from './ticket-photo';

/** What a ticket says of one of its photos, without the bytes. */
export interface TicketPhotoRef {
  n: number;
  width: number;
  height: number;
  sha256: string;
  /** When the retention job deleted it; null while it is kept. */
  deletedAt: Date | null;
}

/** The photos stored with a ticket (table ticket_photos). */
export class TicketPhotosRepository {
  constructor(private readonly knex: Knex) {}

  /** Stores a new ticket's photos, numbered from 1; run inside the ticket's own transaction. */
  async insert(ticketId: number, photos: readonly StoredPhoto[], at: Date): Promise<void> {
    if (photos.length === 0) return;
    await this.knex('ticket_photos').insert(
      photos.map((photo, i) => ({
        ticket_id: ticketId,
        n: i + 1,
        bytes: photo.bytes,
        sha256: photo.sha256,
        width: photo.width,
        height: photo.height,
        created_at: at,
      })),
    );
  }

  async refsOf(ticketId: number): Promise<TicketPhotoRef[]> {
    const rows = await this.knex('ticket_photos')
      .where({ ticket_id: ticketId })
      .orderBy('n')
      .select('n', 'width', 'height', 'sha256', 'deleted_at');
    return rows.map((row) => ({
      n: row.n,
      width: row.width,
      height: row.height,
      sha256: row.sha256,
      deletedAt: row.deleted_at ?? null,
    }));
  }

  /** The stored JPEG, or undefined when there is no such photo or retention deleted it. */
  async bytesOf(ticketId: number, n: number): Promise<{ bytes: Buffer; sha256: string } | undefined> {
    const row = await this.knex('ticket_photos')
      .where({ ticket_id: ticketId, n })
      .whereNotNull('bytes')
      .first('bytes', 'sha256');
    return row && { bytes: Buffer.from(row.bytes), sha256: row.sha256 };
  }

  async countOf(ticketId: number): Promise<number> {
    const row = await this.knex('ticket_photos').where({ ticket_id: ticketId }).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }
}
