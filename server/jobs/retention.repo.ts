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
