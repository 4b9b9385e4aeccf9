import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('digests', (t) => {
    t.increments('id');
    t.string('kind', 16).notNullable();
    // '2026-W47' for a weekly digest, '2026-10' for a monthly report.
    t.string('period', 16).notNullable();
    t.string('status', 16).notNullable().defaultTo('sending');
    t.specificType('recipients', 'text[]').notNullable().defaultTo(knex.raw("'{}'::text[]"));
    t.text('message_id');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.timestamp('sent_at', { useTz: true });
    t.timestamps(true, true);
    t.unique(['kind', 'period']);
    t.check("kind in ('weekly', 'monthly')", [], 'digests_kind_known');
    t.check("status in ('sending', 'sent', 'failed')", [], 'digests_status_known');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('digests');
}
