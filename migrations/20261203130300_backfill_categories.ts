import type { Knex } from 'knex';

/** Every category tickets already carry (free text until now) starts the list, so none is lost. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    insert into categories (name)
    select distinct on (lower(btrim(category))) btrim(category) from tickets
    where category is not null and btrim(category) <> ''
    order by lower(btrim(category)), btrim(category)
    on conflict do nothing`);
}

export async function down(knex: Knex): Promise<void> {
  await knex('categories').delete();
}
