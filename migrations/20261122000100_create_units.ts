import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('units', (t) => {
    t.increments('id');
    t.string('code', 6).notNullable().unique();
    t.text('name').notNullable();
    t.string('kind', 16).notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.integer('fallback_unit_id').references('id').inTable('units').onDelete('SET NULL');
    t.specificType('notify_emails', 'text[]').notNullable().defaultTo(knex.raw("'{}'::text[]"));
    t.timestamps(true, true);
    t.check("code ~ '^[0-9]{1,6}$'", [], 'units_code_digits');
    t.check("kind in ('ward', 'department', 'district')", [], 'units_kind_known');
    t.check('fallback_unit_id is distinct from id', [], 'units_fallback_not_self');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('units');
}
