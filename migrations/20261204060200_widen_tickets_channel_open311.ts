import type { Knex } from 'knex';

/** Service requests posted by Open311 clients (issue 13, item 7) are tickets of their own channel. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table tickets drop constraint tickets_channel_known');
  await knex.raw(
    "alter table tickets add constraint tickets_channel_known check (channel in ('phone', 'web-feedback', 'web-rating', 'open311'))",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table tickets drop constraint tickets_channel_known');
  await knex.raw(
    "alter table tickets add constraint tickets_channel_known check (channel in ('phone', 'web-feedback', 'web-rating'))",
  );
}
