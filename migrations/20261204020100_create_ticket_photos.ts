import type { Knex } from 'knex';

/**
 * Photos a citizen attached to web feedback (issue 13, items 4 and 8), stored with the ticket in
 * the ticket's own transaction, so a ticket never lacks the photo it was sent with (and works the
 * same on PostgreSQL and PGlite). Re-encoded JPEG only; `n` numbers a ticket's photos from 1.
 * The retention job empties `bytes` and sets `deleted_at` when recordings of the same age go; the
 * row stays, so the ticket still says a photo existed. The partial index serves that daily scan.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ticket_photos', (t) => {
    t.bigInteger('ticket_id').notNullable().references('id').inTable('tickets').onDelete('CASCADE');
    t.smallint('n').notNullable();
    t.binary('bytes');
    t.string('sha256', 64).notNullable();
    t.integer('width').notNullable();
    t.integer('height').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('deleted_at', { useTz: true });
    t.primary(['ticket_id', 'n']);
    t.check('n between 1 and 3', [], 'ticket_photos_n_range');
    t.check('(bytes is null) = (deleted_at is not null)', [], 'ticket_photos_bytes_until_deleted');
  });
  await knex.raw(
    'create index ticket_photos_retention_idx on ticket_photos (created_at) where deleted_at is null',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ticket_photos');
}
