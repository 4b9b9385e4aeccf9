import assert from 'node:assert/strict';
import { openTestDatabase, POSTGRES_SERVER_AVAILABLE, type TestDatabase } from '../support/database';

// The trigram index, and so its statistics, exist only where pg_trgm does: on the PostgreSQL server.
if (POSTGRES_SERVER_AVAILABLE) {
  describe('statistics of the call-log search expression', () => {
    let test: TestDatabase;

    before(async () => {
      test = await openTestDatabase('postgres');
    });
    after(async () => test?.drop());

    const statisticsTarget = async (): Promise<number> => {
      const result = await test.db.knex.raw(
        "select attstattarget from pg_attribute where attrelid = 'tickets_search_trgm_idx'::regclass and attnum = 1",
      );
      return Number(result.rows[0].attstattarget);
    };

    it('keeps a histogram ten times the default, so a rare phrase is not taken for a common one', async () => {
      assert.equal(await statisticsTarget(), 1000);
    });
  });
}
