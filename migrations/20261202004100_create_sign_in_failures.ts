import type { Knex } from 'knex';

/**
 * Failed sign-ins counted per key for the back-off (server/api/auth/sign-in-backoff.ts):
 * 'account:<lower-case user name>' (known or not, so the answer tells nothing of which exist),
 * 'address:<client IP>' and 'device:<nonce of a device cookie>'. In PostgreSQL, so every
 * instance counts the same attempts.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sign_in_failures', (t) => {
    t.text('key').primary();
    t.integer('failures').notNullable();
    t.timestamp('last_failed_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sign_in_failures');
}
