import type { Knex } from 'knex';

/**
 * PostgreSQL estimates how many tickets an ILIKE '%phrase%' search matches by trying the phrase on
 * the search expression's histogram: with the default 101 entries, a phrase on 0.04 % of tickets
 * lands on one entry in a few ANALYZEs of a hundred and is then taken for 1 %, and the call log
 * walks the time index backwards past every ticket instead of reading the few matches from the
 * trigram index (150 ms instead of 7 at a million tickets, seen in `npm run bench:admin`). With
 * 1001 entries one hit reads as 0.1 %, which the planner still answers from the trigram index,
 * while a common word still walks the time index and stops after a page.
 */
const SEARCH_STATISTICS = 1000;

async function searchIndexExists(knex: Knex): Promise<boolean> {
  const result = await knex.raw("select to_regclass('tickets_search_trgm_idx') is not null as present");
  return result.rows[0].present === true;
}

export async function up(knex: Knex): Promise<void> {
  if (!(await searchIndexExists(knex))) return;
  await knex.raw(`alter index tickets_search_trgm_idx alter column 1 set statistics ${SEARCH_STATISTICS}`);
  await knex.raw('analyze tickets');
}

export async function down(knex: Knex): Promise<void> {
  if (!(await searchIndexExists(knex))) return;
  await knex.raw('alter index tickets_search_trgm_idx alter column 1 set statistics -1');
}
