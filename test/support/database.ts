import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { redactUrl } from '../../core/config';
import { type Database, type DatabaseKind, openDatabase } from '../../core/db/database';
import { migrateToLatest } from '../../core/db/migrator';

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const PROBE_TIMEOUT_MS = 2000;

export interface TestDatabase {
  db: Database;
  /** The connection URL of the fresh database, when it runs on a real PostgreSQL server. */
  url: string | undefined;
  drop(): Promise<void>;
}

function serverUrl(): string {
  return process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER_URL;
}

/**
 * Mocha builds its suites synchronously, so which suites exist must be known before any test runs:
 * a child node connects with pg (no PostgreSQL client tools needed) while this process waits.
 */
function probeServer(url: string): boolean {
  const script = `
    const pg = require(process.env.PG_MODULE);
    const client = new pg.Client({ connectionString: process.env.PROBE_URL, connectionTimeoutMillis: ${PROBE_TIMEOUT_MS} });
    client.connect().then(() => client.end()).then(() => process.exit(0), () => process.exit(1));`;
  const probe = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, PG_MODULE: require.resolve('pg'), PROBE_URL: url },
    stdio: 'ignore',
    timeout: PROBE_TIMEOUT_MS * 3,
  });
  return probe.status === 0;
}

function serverAvailable(): boolean {
  const available = probeServer(serverUrl());
  if (!available && process.env.REQUIRE_POSTGRES === '1') {
    throw new Error(
      `REQUIRE_POSTGRES=1 but no PostgreSQL server answers at ${redactUrl(serverUrl())} ` +
        '(start one, or set TEST_DATABASE_URL); refusing to fall back to PGlite',
    );
  }
  return available;
}

/**
 * True when database tests run on a real PostgreSQL server (TEST_DATABASE_URL, else 127.0.0.1:5432),
 * probed once when this module loads; false means they run on PGlite. CI sets REQUIRE_POSTGRES=1,
 * which makes an unreachable server an error at load instead of a silent fallback.
 */
export const POSTGRES_SERVER_AVAILABLE: boolean = serverAvailable();

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The databases a parity test can cover here: PGlite always, the PostgreSQL server when it answers. */
export const AVAILABLE_DATABASE_KINDS: readonly DatabaseKind[] = POSTGRES_SERVER_AVAILABLE
  ? ['postgres', 'pglite']
  : ['pglite'];

/**
 * A fresh database of the given kind, migrated unless told otherwise: its own database on the
 * PostgreSQL server, or an in-memory PGlite. `drop()` removes every trace.
 */
export async function openTestDatabase(
  kind: DatabaseKind,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (kind === 'pglite') {
    const db = await openDatabase({ kind: 'pglite', directory: 'memory://' });
    if (migrate) await migrateToLatest(db.knex);
    return { db, url: undefined, drop: () => db.close() };
  }
  if (!POSTGRES_SERVER_AVAILABLE) {
    throw new Error(
      `a PostgreSQL test database was asked for, but no server answers at ${redactUrl(serverUrl())}`,
    );
  }
  const name = `hotline_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString(), poolMax: 5 });
  if (migrate) await migrateToLatest(db.knex);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

/** A fresh database for one test file: on the PostgreSQL server when one answers, else on PGlite. */
export function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  return openTestDatabase(POSTGRES_SERVER_AVAILABLE ? 'postgres' : 'pglite', options);
}
