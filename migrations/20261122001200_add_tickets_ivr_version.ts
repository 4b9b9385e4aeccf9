import type { Knex } from 'knex';

/**
 * The IVR writes a call's ticket as whole snapshots, directly or replayed later from the outbox,
 * in any order; the version lets an older snapshot never overwrite a newer one.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.integer('ivr_version').notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.dropColumn('ivr_version');
  });
}
