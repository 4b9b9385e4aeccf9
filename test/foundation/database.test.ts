import assert from 'node:assert/strict';
import { type Database, type DatabaseKind, openDatabase } from '../../core/db/database';
import { AVAILABLE_DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../support/database';

/** What a value is in JavaScript, precisely enough to tell a '1' from a 1 and a Date from a string. */
function shape(value: unknown): unknown {
  if (value === null) return 'null';
  if (value instanceof Date) return 'Date';
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return typeof value;
}

const PARITY_SQL = `
  select count(*) as n_rows,
         sum(x)::int8 as int8_sum,
         9007199254740991::int8 as int8_max_safe,
         null::int8 as int8_null,
         12.50::numeric as numeric_value,
         date '2026-02-16' as date_value,
         timestamptz '2026-02-16 08:30:00+07' as timestamptz_value,
         '{"a": [1, 2.5], "b": null, "c": "Tết"}'::jsonb as jsonb_value,
         array['Cổ Nhuế 1', 'a,b', null]::text[] as text_array,
         array[1, 9007199254740991]::int8[] as int8_array,
         array_agg(x::int8 order by x) as int8_agg,
         array[date '2026-01-01', null]::date[] as date_array,
         array[1.5, 2]::numeric[] as numeric_array,
         7::int4 as int4_value,
         true as bool_value
    from (values (1), (2), (3)) as v(x)`;

const EXPECTED_ROW = {
  n_rows: 3,
  int8_sum: 6,
  int8_max_safe: 9007199254740991,
  int8_null: null,
  numeric_value: 12.5,
  date_value: '2026-02-16',
  timestamptz_value: new Date('2026-02-16T01:30:00Z'),
  jsonb_value: { a: [1, 2.5], b: null, c: 'Tết' },
  text_array: ['Cổ Nhuế 1', 'a,b', null],
  int8_array: [1, 9007199254740991],
  int8_agg: [1, 2, 3],
  date_array: ['2026-01-01', null],
  numeric_array: [1.5, 2],
  int4_value: 7,
  bool_value: true,
};

const ON_EACH = `on ${AVAILABLE_DATABASE_KINDS.join(' and ')}`;

describe(`the same query ${ON_EACH}`, () => {
  const opened = new Map<DatabaseKind, TestDatabase>();

  function database(kind: DatabaseKind): Database {
    const test = opened.get(kind);
    assert.ok(test, `no ${kind} database was opened`);
    return test.db;
  }

  before(async () => {
    for (const kind of AVAILABLE_DATABASE_KINDS)
      opened.set(kind, await openTestDatabase(kind, { migrate: false }));
  });

  after(async () => {
    for (const test of opened.values()) await test.drop();
  });

  for (const kind of AVAILABLE_DATABASE_KINDS) {
    it(`returns the agreed JavaScript values on ${kind}`, async () => {
      const { rows } = await database(kind).knex.raw(PARITY_SQL);
      assert.deepEqual(rows, [EXPECTED_ROW]);
      assert.deepEqual(shape(rows[0]), shape(EXPECTED_ROW));
    });
  }

  it(`gives identical rows, value for value and type for type, ${ON_EACH}`, async () => {
    const results = await Promise.all(
      AVAILABLE_DATABASE_KINDS.map(async (kind) => ({
        source: kind as string,
        rows: (await database(kind).knex.raw(PARITY_SQL)).rows as unknown[],
      })),
    );
    // With PGlite alone there is no other database to agree with, only the agreed row.
    const compared =
      results.length > 1 ? results : [{ source: 'the agreed row', rows: [EXPECTED_ROW] }, ...results];
    const [reference, ...others] = compared;
    assert.ok(reference && others.length > 0);
    for (const other of others) {
      assert.deepEqual(other.rows, reference.rows, `${other.source} against ${reference.source}`);
      assert.deepEqual(
        shape(other.rows),
        shape(reference.rows),
        `${other.source} against ${reference.source}`,
      );
    }
  });

  it(`counts through knex's query builder as a number ${ON_EACH}`, async () => {
    for (const kind of AVAILABLE_DATABASE_KINDS) {
      const { knex } = database(kind);
      const row = await knex
        .from(knex.raw('(values (1), (2)) as v(x)'))
        .count<{ count: number }>({ count: '*' })
        .first();
      assert.deepEqual(row, { count: 2 }, kind);
    }
  });

  it(`refuses an int8 beyond what a JavaScript number holds exactly, ${ON_EACH}`, async () => {
    for (const kind of AVAILABLE_DATABASE_KINDS) {
      await assert.rejects(
        database(kind).knex.raw('select 9007199254740993::int8 as big'),
        /does not fit a JavaScript number/,
        kind,
      );
    }
  });
});

describe('openDatabase', () => {
  // Keeping PGlite's files across a close and a reopen is shown by start.test.ts on DATA_DIR.
  for (const kind of AVAILABLE_DATABASE_KINDS) {
    it(`pings while open and fails to after close; closing twice is harmless, on ${kind}`, async () => {
      const test = await openTestDatabase(kind, { migrate: false });
      try {
        // On the server, a second connection of its own, so closing it leaves the test database alone.
        const db = test.url ? await openDatabase({ kind: 'postgres', url: test.url }) : test.db;
        assert.equal(db.kind, kind);
        await db.ping();
        await db.close();
        await db.close();
        await assert.rejects(db.ping());
      } finally {
        await test.drop();
      }
    });
  }

  it('shows a PostgreSQL location without its password', async () => {
    const db = await openDatabase({
      kind: 'postgres',
      url: 'postgres://hotline:S3cr3t@127.0.0.1:5432/nowhere',
    });
    try {
      assert.equal(db.kind, 'postgres');
      assert.ok(!db.location.includes('S3cr3t'), db.location);
      assert.match(db.location, /127\.0\.0\.1:5432\/nowhere/);
    } finally {
      await db.close();
    }
  });
});
