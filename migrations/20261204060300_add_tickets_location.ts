import type { Knex } from 'knex';

/**
 * Where an Open311 service request is about, as its client sent it: a WGS84 point, an address in
 * words, or the jurisdiction's address id; and the URL of its media. Any ticket may carry them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.double('location_lat');
    t.double('location_long');
    t.text('address');
    t.text('address_id');
    t.text('media_url');
    t.check(
      '(location_lat is null) = (location_long is null) and location_lat between -90 and 90 and location_long between -180 and 180',
      [],
      'tickets_location_valid',
    );
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.dropChecks(['tickets_location_valid']);
    t.dropColumn('media_url');
    t.dropColumn('address_id');
    t.dropColumn('address');
    t.dropColumn('location_long');
    t.dropColumn('location_lat');
  });
}
