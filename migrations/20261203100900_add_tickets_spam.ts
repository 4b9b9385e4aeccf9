import type { Knex } from 'knex';

/**
 * Home Affairs marks a citizen-site submission as spam (issue 13): when and by whom. A marked
 * ticket stays (nothing stored is lost) but leaves the callback queue; the list filters on it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.timestamp('spam_marked_at', { useTz: true });
    t.integer('spam_marked_by').references('id').inTable('users').onDelete('SET NULL');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.dropColumn('spam_marked_by');
    t.dropColumn('spam_marked_at');
  });
}
