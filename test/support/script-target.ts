import assert from 'node:assert/strict';
import path from 'node:path';
import type { Knex } from 'knex';
import { openDatabase } from '../../core/db/database';
import { migrateToLatest } from '../../core/db/migrator';
import { openTestDatabase, POSTGRES_SERVER_AVAILABLE } from './database';
import { childEnv, makeTempDir, type ProcessResult, type TempDir } from './processes';

/** Where the scripts under test keep their data, and how a test looks at it. */
export interface ScriptTarget {
  env: NodeJS.ProcessEnv;
  dataDir: TempDir;
  /** The start of how the scripts name the database in their output. */
  location: string;
  /** What DATA_DIR holds once the scripts have run. */
  dataDirEntries: string[];
  /** False on PGlite, which is single-user: a child and the test never hold it at the same time. */
  childrenMayShareDatabase: boolean;
  /** Runs `use` on the scripts' database, between children. */
  inspect<T>(use: (knex: Knex) => Promise<T>): Promise<T>;
  remove(): Promise<void>;
}

/**
 * With a PostgreSQL server: a fresh database given as DATABASE_URL, and an empty DATA_DIR the scripts
 * must never touch. Without one: no DATABASE_URL, so the scripts use the embedded database under
 * DATA_DIR, which the test opens itself only while no child runs.
 */
export async function scriptTarget(migrate: boolean): Promise<ScriptTarget> {
  const dataDir = makeTempDir('hotline-scripts');
  if (POSTGRES_SERVER_AVAILABLE) {
    const test = await openTestDatabase('postgres', { migrate });
    assert.ok(test.url);
    return {
      env: childEnv({ DATABASE_URL: test.url, DATA_DIR: dataDir.path }),
      dataDir,
      location: 'postgres://',
      dataDirEntries: [],
      childrenMayShareDatabase: true,
      inspect: (use) => use(test.db.knex),
      async remove() {
        dataDir.remove();
        await test.drop();
      },
    };
  }
  const directory = path.join(dataDir.path, 'pglite');
  async function inspect<T>(use: (knex: Knex) => Promise<T>): Promise<T> {
    const db = await openDatabase({ kind: 'pglite', directory });
    try {
      return await use(db.knex);
    } finally {
      await db.close();
    }
  }
  if (migrate) await inspect((knex) => migrateToLatest(knex));
  return {
    env: childEnv({ DATA_DIR: dataDir.path }),
    dataDir,
    location: directory,
    dataDirEntries: ['pglite'],
    childrenMayShareDatabase: false,
    inspect,
    async remove() {
      dataDir.remove();
    },
  };
}

export function failedWith(result: ProcessResult, message: RegExp): void {
  assert.equal(result.code, 1, `exit code; stderr: ${result.stderr}`);
  assert.match(result.stderr, message);
}
