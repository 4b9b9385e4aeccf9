import type { Knex } from 'knex';

/**
 * A citizen follows their ticket with its code and a short secret (issue 13): only the secret's
 * hash is kept. The answer the unit writes for the public is its own column, apart from the
 * summary and notes, which stay internal.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.text('tracking_secret_hash');
    t.text('public_answer');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.dropColumn('tracking_secret_hash');
    t.dropColumn('public_answer');
  });
}
