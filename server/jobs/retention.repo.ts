import type { Knex } from 'knex';

export type MediaKind = 'recording' | 'voicemail';

/** One stored audio file of a ticket that has outlived the retention period. */
export interface ExpiringMedia {
  ticketId: number;
  kind: MediaKind;
  name: string;
}

const DELETED_AT: Record<MediaKind, string> = {
  recording: 'recording_deleted_at',
  voicemail: 'voicemail_deleted_at',
};

/** The tickets side of retention: which audio is due, and the mark it leaves on the ticket. */
export class RetentionRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Runs `work` in one transaction under a PostgreSQL advisory lock, so of several instances only
   * one works a batch at a time; 'locked' when another instance holds it. (PGlite is one process.)
   */
  async underLock<T>(work: (repo: RetentionRepository) => Promise<T>): Promise<T | 'locked'> {
    return this.knex.transaction(async (trx) => {
      const lock = await trx.raw("select pg_try_advisory_xact_lock(hashtext('hotline-retention')) as locked");
      if (!lock.rows[0]?.locked) return 'locked' as const;
      return work(new RetentionRepository(trx));
    });
  }

  /** Audio of calls received before `cutoff` not yet expired, oldest first. */
  async expiring(cutoff: Date, limit: number): Promise<ExpiringMedia[]> {
    const rows = await this.knex('tickets')
      .where('received_at', '<', cutoff)
      .andWhere((q) =>
        q
          .where((r) => r.whereNotNull('recording_name').whereNull('recording_deleted_at'))
          .orWhere((v) => v.whereNotNull('voicemail_name').whereNull('voicemail_deleted_at')),
      )
      .orderBy('received_at')
      .limit(limit)
      .select('id', 'recording_name', 'recording_deleted_at', 'voicemail_name', 'voicemail_deleted_at');
    return rows.flatMap((row) => [
      ...(row.recording_name && !row.recording_deleted_at
        ? [{ ticketId: row.id as number, kind: 'recording' as const, name: row.recording_name as string }]
        : []),
      ...(row.voicemail_name && !row.voicemail_deleted_at
        ? [{ ticketId: row.id as number, kind: 'voicemail' as const, name: row.voicemail_name as string }]
        : []),
    ]);
  }

  /**
   * Deletes the bytes of up to `limit` photos stored before `cutoff`, oldest first; each photo's
   * row stays with the time it went, and each ticket's timeline says which went. Returns how many.
   */
  async expirePhotos(cutoff: Date, at: Date, retentionDays: number, limit: number): Promise<number> {
    const { rows } = await this.knex.raw(
      `with due as (
         select ticket_id, n from ticket_photos
         where deleted_at is null and created_at < ?
         order by created_at limit ?
       )
       update ticket_photos p set bytes = null, deleted_at = ?
       from due where p.ticket_id = due.ticket_id and p.n = due.n
       returning p.ticket_id, p.n`,
      [cutoff, limit, at],
    );
    const byTicket = new Map<number, number[]>();
    for (const row of rows as Array<{ ticket_id: string | number; n: number }>) {
      const id = Number(row.ticket_id);
      byTicket.set(id, [...(byTicket.get(id) ?? []), row.n]);
    }
    if (byTicket.size > 0)
      await this.knex('ticket_events').insert(
        [...byTicket].map(([ticketId, photos]) => ({
          ticket_id: ticketId,
          at,
          kind: 'photos.expired',
          data: JSON.stringify({ photos: photos.sort((a, b) => a - b), retentionDays }),
        })),
      );
    return rows.length;
  }

  /** The audio is gone from Asterisk: the ticket says when, and its timeline says so too. */
  async markExpired(
    media: ExpiringMedia,
    alreadyGone: boolean,
    at: Date,
    retentionDays: number,
  ): Promise<void> {
    await this.knex('tickets')
      .where({ id: media.ticketId })
      .whereNull(DELETED_AT[media.kind])
      .update({ [DELETED_AT[media.kind]]: at });
    await this.knex('ticket_events').insert({
      ticket_id: media.ticketId,
      at,
      kind: 'recording.expired',
      data: JSON.stringify({ media: media.kind, name: media.name, alreadyGone, retentionDays }),
    });
  }
}
