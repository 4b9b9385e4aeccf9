import type { Knex } from 'knex';

/**
 * A confidential complaint to the chairman (issue 13, item 4: "Phản ánh kín gửi Chủ tịch"): about a
 * unit's own officials, read by the chairman and Home Affairs only; the unit's staff never learn it
 * exists (core/tickets/confidentiality.ts). It is the stronger kind of confidential ticket, so
 * every reader that already leaves confidential tickets out leaves these out too: the check keeps
 * leader_only from ever standing without confidential. The partial index serves the call log's
 * "complaints only" filter without weighing on the other tickets.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.boolean('leader_only').notNullable().defaultTo(false);
  });
  await knex.raw(
    'alter table tickets add constraint tickets_leader_only_is_confidential check (not leader_only or confidential)',
  );
  await knex.raw(
    'create index tickets_leader_only_received_idx on tickets (received_at desc, id desc) where leader_only',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.dropColumn('leader_only');
  });
}
