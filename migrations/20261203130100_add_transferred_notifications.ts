import type { Knex } from 'knex';

/** A ticket transferred to another unit is announced to that unit: the notice kind `transferred`. */
const BEFORE = "'missed_call', 'voicemail', 'not_satisfied', 'overdue_reminder', 'overdue_escalation'";

export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table notifications drop constraint notifications_kind_known');
  await knex.raw(
    `alter table notifications add constraint notifications_kind_known check (kind in (${BEFORE}, 'transferred'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex('notifications').where({ kind: 'transferred' }).delete();
  await knex.raw('alter table notifications drop constraint notifications_kind_known');
  await knex.raw(
    `alter table notifications add constraint notifications_kind_known check (kind in (${BEFORE}))`,
  );
}
