import type { Knex } from 'knex';

/**
 * The key that signs "known device" cookies (server/api/auth/device-cookie.ts), one row shared by
 * every instance, made by the first instance that needs it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('device_cookie_keys', (t) => {
    t.smallint('id').primary();
    t.binary('secret').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('device_cookie_keys');
}
