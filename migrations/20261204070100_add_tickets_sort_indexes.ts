import type { Knex } from 'knex';

/**
 * The call log's sorts over the whole log (issue 12, item 19), each walked in its keyset order
 * instead of sorting every ticket: wait and status by the expressions of
 * server/api/tickets/tickets.sort-sql.ts (NULL waits as -1; status by its place in the workflow),
 * the unit sort one unit at a time by id. test/api/ticket-sort-plans.test.ts checks the
 * statements use them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index tickets_wait_sort_idx on tickets ((coalesce(wait_seconds, -1)), id)');
  await knex.raw(
    `create index tickets_status_sort_idx on tickets ((case status when 'new' then 1 when 'in_progress' then 2 when 'resolved' then 3 when 'closed' then 4 end), id)`,
  );
  await knex.raw('create index tickets_unit_id_idx on tickets (unit_id, id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists tickets_wait_sort_idx');
  await knex.raw('drop index if exists tickets_status_sort_idx');
  await knex.raw('drop index if exists tickets_unit_id_idx');
}
