import type { Knex } from 'knex';

/** The desk a citizen-site ticket was made at (a rating from the desk's QR); null for calls. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.integer('desk_id').references('id').inTable('desks').onDelete('SET NULL');
  });
  await knex.raw(
    'create index tickets_desk_received_idx on tickets (desk_id, received_at desc) where desk_id is not null',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.dropColumn('desk_id');
  });
}
