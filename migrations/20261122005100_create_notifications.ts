import type { Knex } from 'knex';

/**
 * The mail outbox for ticket notifications: one row per message that must go out once (a missed
 * call, a voicemail, a "not satisfied" rating, a unit's daily overdue reminder, the daily
 * escalation to Home Affairs). The unique key makes enqueueing idempotent, so every instance may
 * run the poller; the row's status is the claim that makes a message go out once.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notifications', (t) => {
    t.bigIncrements('id');
    t.string('kind', 24).notNullable();
    t.bigInteger('ticket_id').references('id').inTable('tickets').onDelete('CASCADE');
    t.integer('unit_id').references('id').inTable('units').onDelete('CASCADE');
    // The local date of a daily reminder or escalation; '' for a ticket's one-off notification.
    t.string('period', 16).notNullable().defaultTo('');
    t.string('status', 16).notNullable().defaultTo('pending');
    t.specificType('recipients', 'text[]').notNullable().defaultTo(knex.raw("'{}'::text[]"));
    t.text('message_id');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('sent_at', { useTz: true });
    t.timestamps(true, true);
    t.check(
      "kind in ('missed_call', 'voicemail', 'not_satisfied', 'overdue_reminder', 'overdue_escalation')",
      [],
      'notifications_kind_known',
    );
    t.check("status in ('pending', 'sending', 'sent', 'failed')", [], 'notifications_status_known');
  });
  await knex.raw(
    'create unique index notifications_once_idx on notifications (kind, coalesce(ticket_id, 0), coalesce(unit_id, 0), period)',
  );
  await knex.raw(
    "create index notifications_due_idx on notifications (next_attempt_at) where status in ('pending', 'failed', 'sending')",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('notifications');
}
