import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../core/db/database';
import { migrateToLatest } from '../../core/db/migrator';

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: Database;
  /** The connection URL of the fresh database, when it runs on a real PostgreSQL server. */
  url: string | undefined;
  drop(): Promise<void>;
}

let serverReachable: Promise<boolean> | undefined;

function serverUrl(): string {
  return process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER_URL;
}

async function probeServer(): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl(), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** True when tests run on a real PostgreSQL server; CI insists on it (REQUIRE_POSTGRES=1). */
export async function usesPostgresServer(): Promise<boolean> {
  serverReachable ??= probeServer();
  const reachable = await serverReachable;
  if (!reachable && process.env.REQUIRE_POSTGRES === '1') {
    throw new Error(`REQUIRE_POSTGRES=1 but no PostgreSQL server answers at ${serverUrl()}`);
  }
  return reachable;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated database for one test file: its own database on the PostgreSQL server when one
 * is reachable, else an in-memory PGlite. `drop()` removes every trace.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (!(await usesPostgresServer())) {
    const db = await openDatabase({ kind: 'pglite', directory: 'memory://' });
    if (migrate) await migrateToLatest(db.knex);
    return { db, url: undefined, drop: () => db.close() };
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
