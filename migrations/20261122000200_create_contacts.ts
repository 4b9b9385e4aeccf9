import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('contacts', (t) => {
    t.increments('id');
    t.integer('unit_id').notNullable().references('id').inTable('units').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('role');
    // E.164 phone number (dialed through the trunk template) or a raw endpoint such as PJSIP/ward1.
    t.text('dial').notNullable();
    // A mobile's own voicemail must not "answer" a citizen: the official presses 1 to take the call.
    t.boolean('confirm_answer').notNullable().defaultTo(true);
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamps(true, true);
    t.unique(['unit_id', 'dial']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('contacts');
}
