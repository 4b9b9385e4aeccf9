import type { Knex } from 'knex';

/**
 * Tickets come from the citizen site as well as from calls (issue 13): the channel check takes the
 * channels of core/tickets/ticket-channel.ts beside the two placeholders ('web', 'qr') the first
 * schema named, so the backfill (20261203100200) can move rows from one to the other.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table tickets drop constraint tickets_channel_known');
  await knex.raw(
    "alter table tickets add constraint tickets_channel_known check (channel in ('phone', 'web', 'qr', 'web-feedback', 'web-rating'))",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table tickets drop constraint tickets_channel_known');
  await knex.raw(
    "alter table tickets add constraint tickets_channel_known check (channel in ('phone', 'web', 'qr'))",
  );
}
