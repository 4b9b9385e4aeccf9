import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('user_id').references('id').inTable('users').onDelete('SET NULL');
    t.string('action', 40).notNullable();
    t.string('entity', 40).notNullable();
    t.text('entity_id');
    t.jsonb('details').notNullable().defaultTo('{}');
    t.text('ip');
    t.index(['entity', 'entity_id']);
    t.index(['at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
}
