import type { Knex } from 'knex';

/**
 * The free-text search matches folded text (hotline_fold, migration 20261203120100) on both sides,
 * so the trigram index moves onto the folded expression; its statistics target stays 1000 (see
 * migration 20261201000200). The expression must stay identical to SEARCH_TEXT in
 * server/api/tickets/tickets.repo.ts. Without pg_trgm (PGlite) there is no index, as before.
 */
const SEARCH_TEXT =
  "(coalesce(code, '') || ' ' || coalesce(caller_number, '') || ' ' || coalesce(summary, ''))";

async function trigramsInstalled(knex: Knex): Promise<boolean> {
  const result = await knex.raw("select 1 from pg_extension where extname = 'pg_trgm'");
  return result.rows.length > 0;
}

async function searchIndex(knex: Knex, expression: string): Promise<void> {
  await knex.raw('drop index if exists tickets_search_trgm_idx');
  await knex.raw(`create index tickets_search_trgm_idx on tickets using gin (${expression} gin_trgm_ops)`);
  await knex.raw('alter index tickets_search_trgm_idx alter column 1 set statistics 1000');
  await knex.raw('analyze tickets');
}

export async function up(knex: Knex): Promise<void> {
  if (await trigramsInstalled(knex)) await searchIndex(knex, `hotline_fold(${SEARCH_TEXT})`);
}

export async function down(knex: Knex): Promise<void> {
  if (await trigramsInstalled(knex)) await searchIndex(knex, SEARCH_TEXT);
}
