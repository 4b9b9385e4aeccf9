import type { Knex } from 'knex';

/**
 * The one-stop desks of a unit (issue 13): each has its own QR poster, and a rating made from it
 * names the desk. A desk that closes is made inactive, so the ratings made at it keep their desk.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('desks', (t) => {
    t.increments('id');
    t.integer('unit_id').notNullable().references('id').inTable('units').onDelete('CASCADE');
    t.text('name').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamps(true, true);
    t.unique(['unit_id', 'name'], { indexName: 'desks_unit_id_name_unique' });
    t.check('length(trim(name)) between 1 and 200', [], 'desks_name_length');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('desks');
}
