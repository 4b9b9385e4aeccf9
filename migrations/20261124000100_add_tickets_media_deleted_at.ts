import type { Knex } from 'knex';

/**
 * Recordings and voicemails are deleted from Asterisk after RECORDING_RETENTION_DAYS; the ticket
 * stays and says when its audio went. The names are kept, so the timeline still tells what existed.
 * The partial index serves the daily job's scan for audio not yet expired.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.timestamp('recording_deleted_at', { useTz: true });
    t.timestamp('voicemail_deleted_at', { useTz: true });
  });
  await knex.raw(
    `create index tickets_media_retention_idx on tickets (received_at)
     where (recording_name is not null and recording_deleted_at is null)
        or (voicemail_name is not null and voicemail_deleted_at is null)`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists tickets_media_retention_idx');
  await knex.schema.alterTable('tickets', (t) => {
    t.dropColumn('recording_deleted_at');
    t.dropColumn('voicemail_deleted_at');
  });
}
