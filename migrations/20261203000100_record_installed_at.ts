import type { Knex } from 'knex';

/**
 * When the service began: digests skip periods that began before it and ticket notices skip
 * tickets received before it (history brought in from elsewhere). An installation that already
 * holds tickets began with its first one written, not with this upgrade.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `insert into settings (key, value)
     select 'installed_at', to_jsonb(least(now(), (select min(created_at) from tickets)))
     on conflict (key) do nothing`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex('settings').where({ key: 'installed_at' }).delete();
}
