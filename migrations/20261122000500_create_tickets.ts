import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ticket_code_counters', (t) => {
    t.integer('year').primary();
    t.integer('last_value').notNullable();
  });
  await knex.schema.createTable('tickets', (t) => {
    t.bigIncrements('id');
    t.text('code').notNullable().unique();
    t.string('channel', 16).notNullable().defaultTo('phone');
    // Asterisk's channel id (uniqueid) of the citizen's leg: a replayed write never duplicates a call.
    t.text('asterisk_channel_id').unique();
    t.text('caller_number');
    t.boolean('caller_anonymous').notNullable().defaultTo(false);
    t.integer('unit_id').references('id').inTable('units').onDelete('SET NULL');
    t.text('dialed_code');
    t.timestamp('received_at', { useTz: true }).notNullable();
    t.timestamp('answered_at', { useTz: true });
    t.timestamp('ended_at', { useTz: true });
    t.integer('answered_by_contact_id').references('id').inTable('contacts').onDelete('SET NULL');
    t.text('answered_by_name');
    t.string('outcome', 16);
    t.string('abandoned_stage', 16);
    t.string('ended_by', 16);
    t.integer('wait_seconds');
    t.integer('talk_seconds');
    t.text('recording_name');
    t.text('voicemail_name');
    t.smallint('rating');
    t.boolean('needs_callback').notNullable().defaultTo(false);
    t.text('category');
    t.text('summary');
    t.string('status', 16).notNullable().defaultTo('new');
    t.timestamp('due_at', { useTz: true });
    t.boolean('confidential').notNullable().defaultTo(false);
    t.timestamps(true, true);
    t.check("channel in ('phone', 'web', 'qr')", [], 'tickets_channel_known');
    t.check(
      "outcome in ('answered', 'voicemail', 'missed', 'abandoned', 'invalid_input', 'failed')",
      [],
      'tickets_outcome_known',
    );
    t.check("status in ('new', 'in_progress', 'resolved', 'closed')", [], 'tickets_status_known');
    t.check('rating between 1 and 3', [], 'tickets_rating_range');
    t.check("ended_by in ('caller', 'official', 'system')", [], 'tickets_ended_by_known');
  });
  await knex.raw('create index tickets_received_idx on tickets (received_at desc, id desc)');
  await knex.raw('create index tickets_unit_received_idx on tickets (unit_id, received_at desc, id desc)');
  await knex.raw(
    "create index tickets_open_due_idx on tickets (due_at) where status in ('new', 'in_progress')",
  );
  await knex.raw('create index tickets_callback_idx on tickets (received_at desc) where needs_callback');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('tickets');
  await knex.schema.dropTable('ticket_code_counters');
}
