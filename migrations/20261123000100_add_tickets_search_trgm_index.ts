import type { Knex } from 'knex';

/**
 * Free-text search over code, caller number and summary is a substring match (ILIKE '%…%'), which
 * only a trigram index can answer without reading every ticket. pg_trgm ships with PostgreSQL
 * (a trusted extension since 13); the embedded PGlite does not load it, and there the search runs
 * unindexed over a district's modest data. The expression must stay identical to SEARCH_TEXT in
 * server/api/tickets/tickets.repo.ts.
 */
const SEARCH_TEXT =
  "(coalesce(code, '') || ' ' || coalesce(caller_number, '') || ' ' || coalesce(summary, ''))";

async function trigramsAvailable(knex: Knex): Promise<boolean> {
  const result = await knex.raw("select 1 from pg_available_extensions where name = 'pg_trgm'");
  return result.rows.length > 0;
}

export async function up(knex: Knex): Promise<void> {
  if (!(await trigramsAvailable(knex))) return;
  await knex.raw('create extension if not exists pg_trgm');
  await knex.raw(`create index tickets_search_trgm_idx on tickets using gin (${SEARCH_TEXT} gin_trgm_ops)`);
}

export async function down(knex: Knex): Promise<void> {
  // The extension stays: other objects may use it, and it costs nothing unused.
  await knex.raw('drop index if exists tickets_search_trgm_idx');
}
