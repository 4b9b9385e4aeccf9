import type { Knex } from 'knex';

/**
 * What a citizen should know beside the sheet's fields: who actually receives the file (the commune
 * police for residence), deadlines, and what the office still has to check in a sample entry.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('procedures', (t) => {
    t.text('notes');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('procedures', (t) => {
    t.dropColumn('notes');
  });
}
