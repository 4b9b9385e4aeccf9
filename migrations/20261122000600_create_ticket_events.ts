import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ticket_events', (t) => {
    t.bigIncrements('id');
    t.bigInteger('ticket_id').notNullable().references('id').inTable('tickets').onDelete('CASCADE');
    t.timestamp('at', { useTz: true }).notNullable();
    t.string('kind', 40).notNullable();
    // Position of an IVR fact within its call, so replaying the outbox never adds a step twice.
    t.integer('seq');
    t.integer('actor_user_id');
    t.jsonb('data').notNullable().defaultTo('{}');
    t.unique(['ticket_id', 'seq']);
    t.index(['ticket_id', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ticket_events');
}
