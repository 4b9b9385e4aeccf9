import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('duty_shifts', (t) => {
    t.increments('id');
    t.integer('unit_id').notNullable().references('id').inTable('units').onDelete('CASCADE');
    t.integer('contact_id').notNullable().references('id').inTable('contacts').onDelete('CASCADE');
    // ISO weekday in the configured time zone: 1 = Monday ... 7 = Sunday.
    t.smallint('weekday').notNullable();
    t.smallint('start_minute').notNullable();
    // An end at or before the start means the shift runs past midnight into the next day.
    t.smallint('end_minute').notNullable();
    t.smallint('priority').notNullable().defaultTo(1);
    t.timestamps(true, true);
    t.index(['unit_id']);
    t.check('weekday between 1 and 7', [], 'duty_shifts_weekday');
    t.check('start_minute between 0 and 1439', [], 'duty_shifts_start');
    t.check('end_minute between 1 and 1440', [], 'duty_shifts_end');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('duty_shifts');
}
