import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('duty_overrides', (t) => {
    t.increments('id');
    t.integer('unit_id').notNullable().references('id').inTable('units').onDelete('CASCADE');
    // No contact means nobody of this unit is on duty in the window: calls go to the fallback unit.
    t.integer('contact_id').references('id').inTable('contacts').onDelete('CASCADE');
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    t.smallint('priority').notNullable().defaultTo(1);
    t.text('reason');
    t.timestamps(true, true);
    t.index(['unit_id', 'starts_at']);
    t.check('ends_at > starts_at', [], 'duty_overrides_window');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('duty_overrides');
}
