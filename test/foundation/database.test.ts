import assert from 'node:assert/strict';
import { type Database, openDatabase } from '../../core/db/database';
import { createTestDatabase, type TestDatabase } from '../support/database';

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

describe('the same query on PostgreSQL and PGlite', () => {
  let server: TestDatabase;
  let embedded: Database;

  before(async () => {
    server = await createTestDatabase();
    assert.equal(
      server.db.kind,
      'postgres',
      'needs the PostgreSQL server (TEST_DATABASE_URL or 127.0.0.1:5432)',
    );
    embedded = await openDatabase({ kind: 'pglite', directory: 'memory://' });
  });

  after(async () => {
    await embedded?.close();
    await server?.drop();
  });

  for (const kind of ['postgres', 'pglite'] as const) {
    it(`returns the agreed JavaScript values on ${kind}`, async () => {
      const db = kind === 'postgres' ? server.db : embedded;
      const { rows } = await db.knex.raw(PARITY_SQL);
      assert.deepEqual(rows, [EXPECTED_ROW]);
      assert.deepEqual(shape(rows[0]), shape(EXPECTED_ROW));
    });
  }

  it('gives identical rows, value for value and type for type', async () => {
    const [onServer, onEmbedded] = await Promise.all([
      server.db.knex.raw(PARITY_SQL),
      embedded.knex.raw(PARITY_SQL),
    ]);
    assert.deepEqual(onServer.rows, onEmbedded.rows);
    assert.deepEqual(shape(onServer.rows), shape(onEmbedded.rows));
  });

  it("counts through knex's query builder as a number on both", async () => {
    for (const db of [server.db, embedded]) {
      const row = await db.knex
        .from(db.knex.raw('(values (1), (2)) as v(x)'))
        .count<{ count: number }>({ count: '*' })
        .first();
      assert.deepEqual(row, { count: 2 }, db.kind);
    }
  });

  it('refuses an int8 beyond what a JavaScript number holds exactly, on both', async () => {
    for (const db of [server.db, embedded]) {
      await assert.rejects(
        db.knex.raw('select 9007199254740993::int8 as big'),
        /does not fit a JavaScript number/,
      );
    }
  });
});

describe('openDatabase', () => {
  // Keeping PGlite's files across a close and a reopen is shown by start.test.ts on DATA_DIR.
  it('pings while open and fails to after close; closing twice is harmless', async () => {
    const test = await createTestDatabase({ migrate: false });
    try {
      assert.ok(test.url, 'needs the PostgreSQL server (TEST_DATABASE_URL or 127.0.0.1:5432)');
      const db = await openDatabase({ kind: 'postgres', url: test.url });
      await db.ping();
      await db.close();
      await db.close();
      await assert.rejects(db.ping());
    } finally {
      await test.drop();
    }
  });

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
