import assert from 'node:assert/strict';
import { callLogRows } from '../../core/digest/call-log.repo';
import { AVAILABLE_DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../support/database';
import { addTicket } from './digest.fixture';

for (const kind of AVAILABLE_DATABASE_KINDS) {
  describe(`digest call log in pages (${kind})`, () => {
    let test: TestDatabase;
    before(async () => {
      test = await openTestDatabase(kind);
    });
    after(() => test.drop());

    it('lists each ticket once when tickets share a millisecond across a page boundary', async () => {
      const { knex } = test.db;
      // PostgreSQL keeps microseconds; a key cut to JavaScript's milliseconds would repeat them.
      const codes: string[] = [];
      for (const micros of ['000100', '000200', '000300', '000400', '000500']) {
        const at = knex.raw(`'2026-11-20T01:00:00.${micros}Z'::timestamptz`) as unknown as Date;
        codes.push((await addTicket(knex, { received_at: at })).code);
      }
      const range = { start: new Date('2026-11-20T00:00:00Z'), end: new Date('2026-11-21T00:00:00Z') };
      const listed: string[] = [];
      for await (const row of callLogRows(knex, range, 2)) listed.push(row.code);
      assert.deepEqual(listed, codes);
    });
  });
}
