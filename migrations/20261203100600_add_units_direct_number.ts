import type { Knex } from 'knex';

/**
 * A unit's own number (a ward's DID), in E.164: its poster's tel: link dials it instead of the
 * hotline. Null when the unit is reached only through the hotline's menu.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('units', (t) => {
    t.text('direct_number');
    t.check("direct_number ~ '^\\+[1-9][0-9]{7,14}$'", [], 'units_direct_number_e164');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('units', (t) => {
    t.dropChecks('units_direct_number_e164');
    t.dropColumn('direct_number');
  });
}
