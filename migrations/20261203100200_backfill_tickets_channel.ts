import type { Knex } from 'knex';

/** A ticket stored under a placeholder channel gets its named one: 'web' was feedback, 'qr' a rating. */
export async function up(knex: Knex): Promise<void> {
  await knex('tickets').where({ channel: 'web' }).update({ channel: 'web-feedback' });
  await knex('tickets').where({ channel: 'qr' }).update({ channel: 'web-rating' });
}

export async function down(knex: Knex): Promise<void> {
  await knex('tickets').where({ channel: 'web-feedback' }).update({ channel: 'web' });
  await knex('tickets').where({ channel: 'web-rating' }).update({ channel: 'qr' });
}
