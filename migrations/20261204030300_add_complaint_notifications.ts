import type { Knex } from 'knex';

/**
 * A new confidential complaint to the chairman is announced to Home Affairs (the notice kind
 * `complaint_received`), never to the unit it concerns: the notice names its code and where to
 * open it, not its text or its sender.
 */
const BEFORE =
  "'missed_call', 'voicemail', 'not_satisfied', 'overdue_reminder', 'overdue_escalation', 'transferred'";

export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table notifications drop constraint notifications_kind_known');
  await knex.raw(
    `alter table notifications add constraint notifications_kind_known check (kind in (${BEFORE}, 'complaint_received'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex('notifications').where({ kind: 'complaint_received' }).delete();
  await knex.raw('alter table notifications drop constraint notifications_kind_known');
  await knex.raw(
    `alter table notifications add constraint notifications_kind_known check (kind in (${BEFORE}))`,
  );
}
