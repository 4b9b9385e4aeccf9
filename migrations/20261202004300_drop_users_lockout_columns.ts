import type { Knex } from 'knex';

/**
 * The hard lock-out (five failures lock the account for 15 minutes) gave strangers a denial of
 * service; the back-off in sign_in_failures (20261202004100) replaces it, so these go.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('failed_logins');
    t.dropColumn('locked_until');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
  });
}
