import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { redactUrl } from '../../core/config';

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  /** The fresh database's URL, or null for an in-memory PGlite inside the IVR process. */
  url: string | null;
  description: string;
  drop(): Promise<void>;
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface ServerBenchDatabase extends BenchDatabase {
  url: string;
}

/**
 * A fresh database `<prefix>_<random>` on the PostgreSQL server (BENCH_DATABASE_SERVER_URL, else
 * 127.0.0.1:5432), for benchmarks whose point is PostgreSQL's figures; `drop` removes it even with
 * connections still open.
 */
export async function createServerBenchDatabase(prefix: string): Promise<ServerBenchDatabase> {
  const serverUrl = process.env.BENCH_DATABASE_SERVER_URL ?? DEFAULT_SERVER_URL;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  try {
    await adminQuery(serverUrl, `create database ${name}`);
  } catch (error) {
    throw new Error(
      `cannot create the bench database ${name} on ${redactUrl(serverUrl)}: ${(error as Error).message}`,
    );
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    description: `PostgreSQL ${redactUrl(url.toString())} (fresh, dropped at the end)`,
    drop: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

/**
 * A fresh database on the PostgreSQL server, dropped at the end; without a server, an in-memory
 * PGlite with a warning, since its figures are not those of production.
 */
export async function createBenchDatabase(warn: (text: string) => void): Promise<BenchDatabase> {
  try {
    return await createServerBenchDatabase('hotline_bench');
  } catch (error) {
    warn(
      `WARNING: ${(error as Error).message}; ` +
        'tickets go to an in-memory PGlite inside the IVR process, which inflates its CPU and RSS.',
    );
    return { url: null, description: 'in-memory PGlite (fallback)', drop: async () => undefined };
  }
}
