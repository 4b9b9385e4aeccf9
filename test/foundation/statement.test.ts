import assert from 'node:assert/strict';
import type { DatabaseKind } from '../../core/db/database';
import { andIn, positioned, rowsOf } from '../../core/db/statement';
import { AVAILABLE_DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../support/database';

describe('positioned: knex.raw placeholders as the driver numbers them', () => {
  it('numbers each ? in order and keeps an escaped \\? as a question mark', () => {
    assert.equal(positioned('select ? as a, ? as b'), 'select $1 as a, $2 as b');
    assert.equal(positioned("select '{\"a\":1}'::jsonb \\? 'a', ?"), "select '{\"a\":1}'::jsonb ? 'a', $1");
    assert.equal(positioned('select 1'), 'select 1');
  });
});

describe('andIn: a list condition for a written-out where', () => {
  it('limits to the values, to nothing for an empty list, and not at all for null', () => {
    assert.deepEqual(andIn('t.unit_id', [3, 5]), { sql: ' and t.unit_id in (?, ?)', bindings: [3, 5] });
    assert.deepEqual(andIn('t.unit_id', []), { sql: ' and false', bindings: [] });
    assert.deepEqual(andIn('t.unit_id', null), { sql: '', bindings: [] });
  });
});

for (const kind of AVAILABLE_DATABASE_KINDS) {
  describe(`rowsOf: a written-out statement past knex's runner, on ${kind}`, () => {
    let test: TestDatabase;

    before(async () => {
      test = await openTestDatabase(kind as DatabaseKind, { migrate: false });
      await test.db.knex.raw('create table statement_probe (id int primary key, at timestamptz not null)');
    });
    after(async () => test?.drop());

    it('gives the rows knex.raw gives, values parsed alike', async () => {
      const sql = 'select ?::int8 as n, ?::timestamptz as at, ?::text as word, ?::int[] as list';
      const bindings = [42, new Date('2026-12-04T01:02:03.456Z'), 'Tết', [1, 2]];
      const { rows } = await test.db.knex.raw(sql, bindings);
      assert.deepEqual(await rowsOf(test.db.knex, { sql, bindings }), rows);
      assert.deepEqual(rows, [
        { n: 42, at: new Date('2026-12-04T01:02:03.456Z'), word: 'Tết', list: [1, 2] },
      ]);
    });

    it("runs inside a transaction on the transaction's connection", async () => {
      await test.db.knex
        .transaction(async (trx) => {
          await trx('statement_probe').insert({ id: 1, at: new Date('2026-12-04T00:00:00Z') });
          const rows = await rowsOf(trx, {
            sql: 'select id from statement_probe where id = ?',
            bindings: [1],
          });
          assert.deepEqual(rows, [{ id: 1 }]);
          throw new Error('roll back');
        })
        .catch((error: Error) => assert.equal(error.message, 'roll back'));
      assert.deepEqual(
        await rowsOf(test.db.knex, { sql: 'select id from statement_probe', bindings: [] }),
        [],
      );
    });

    it("announces the statement with knex's query and query-response events", async () => {
      const seen: string[] = [];
      const onQuery = (query: { sql: string; __knexQueryUid: string }) =>
        seen.push(`query ${query.__knexQueryUid} ${query.sql}`);
      const onResponse = (rows: unknown[], query: { __knexQueryUid: string }) =>
        seen.push(`response ${query.__knexQueryUid} ${rows.length}`);
      test.db.knex.on('query', onQuery).on('query-response', onResponse);
      try {
        await rowsOf(test.db.knex, { sql: 'select ?::int as one', bindings: [1] });
      } finally {
        test.db.knex.off('query', onQuery).off('query-response', onResponse);
      }
      assert.equal(seen.length, 2);
      const uid = /^query (\S+) select \$1::int as one$/.exec(seen[0] ?? '')?.[1];
      assert.ok(uid, `no query event in ${seen.join('; ')}`);
      assert.equal(seen[1], `response ${uid} 1`);
    });

    it('fails with the statement in its message and the database error code kept', async () => {
      await assert.rejects(
        rowsOf(test.db.knex, { sql: 'select ?::int as n', bindings: ['not a number'] }),
        (error: Error & { code?: string }) =>
          error.code === '22P02' && error.message.startsWith('select $1::int as n - '),
      );
      // The connection went back to the pool: the next statement runs.
      assert.deepEqual(await rowsOf(test.db.knex, { sql: 'select 1 as one', bindings: [] }), [{ one: 1 }]);
    });
  });
}
