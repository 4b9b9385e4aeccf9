import type { Knex } from 'knex';

/**
 * API keys an admin issues to an Open311 client or aggregator (issue 13, item 7): only the key's
 * hash is kept, so the key itself is shown once, at creation. A revoked key stays for the record.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('open311_keys', (t) => {
    t.increments('id');
    t.text('name').notNullable();
    t.text('key_hash').notNullable().unique();
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('revoked_at', { useTz: true });
    t.timestamp('last_used_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('open311_keys');
}
