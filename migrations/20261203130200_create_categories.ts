import type { Knex } from 'knex';

/** The list of categories (lĩnh vực) the admins keep; a ticket's category stays its text. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('categories', (t) => {
    t.increments('id');
    t.text('name').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamps(true, true);
  });
  await knex.raw('create unique index categories_name_lower_idx on categories (lower(name))');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('categories');
}
