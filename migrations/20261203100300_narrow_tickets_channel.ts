import type { Knex } from 'knex';

/** After the backfill no ticket holds a placeholder channel: the check takes only the named ones. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table tickets drop constraint tickets_channel_known');
  await knex.raw(
    "alter table tickets add constraint tickets_channel_known check (channel in ('phone', 'web-feedback', 'web-rating'))",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table tickets drop constraint tickets_channel_known');
  await knex.raw(
    "alter table tickets add constraint tickets_channel_known check (channel in ('phone', 'web', 'qr', 'web-feedback', 'web-rating'))",
  );
}
