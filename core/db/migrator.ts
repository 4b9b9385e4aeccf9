import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { isUndefinedTable } from './pg-errors';

interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', 'migrations');

/**
 * Migrations are recorded by name without extension: under tsx they load from the .ts sources,
 * in the built image from the compiled .js files, and both must count as the same history.
 */
class ProjectMigrationSource implements Knex.MigrationSource<string> {
  private readonly extension = path.extname(__filename);

  async getMigrations(): Promise<string[]> {
    return readdirSync(MIGRATIONS_DIR)
      .filter((file) => file.endsWith(this.extension) && !file.endsWith(`.d${this.extension}`))
      .sort();
  }

  getMigrationName(file: string): string {
    return path.basename(file, this.extension);
  }

  async getMigration(file: string): Promise<MigrationModule> {
    return require(path.join(MIGRATIONS_DIR, file)) as MigrationModule;
  }
}

const config = (): Knex.MigratorConfig => ({
  migrationSource: new ProjectMigrationSource(),
  tableName: 'knex_migrations',
});

/** The names knex_migrations records, or undefined when it does not exist yet. */
async function recordedNames(knex: Knex): Promise<string[] | undefined> {
  try {
    return await knex('knex_migrations').pluck('name');
  } catch (error) {
    if (isUndefinedTable(error)) return undefined;
    throw error;
  }
}

/**
 * Applies what is pending and returns its names. At a start with nothing pending (the usual case)
 * one query compares the recorded names with the files; knex's migrator, which takes its lock and
 * checks the bookkeeping tables in a dozen statements, runs only when they differ: a pending file,
 * or a recorded name without a file, which knex refuses with its own error.
 */
export async function migrateToLatest(knex: Knex): Promise<string[]> {
  const source = new ProjectMigrationSource();
  const [recorded, files] = await Promise.all([recordedNames(knex), source.getMigrations()]);
  if (
    recorded &&
    sameNames(
      recorded,
      files.map((file) => source.getMigrationName(file)),
    )
  )
    return [];
  const [, applied] = (await knex.migrate.latest(config())) as [number, string[]];
  return applied;
}

function sameNames(recorded: string[], files: string[]): boolean {
  const names = new Set(files);
  return (
    new Set(recorded).size === names.size &&
    recorded.length === names.size &&
    recorded.every((name) => names.has(name))
  );
}

/** Rolls back every applied migration, newest first. */
export async function rollbackAll(knex: Knex): Promise<string[]> {
  const [, reverted] = (await knex.migrate.rollback(config(), true)) as [number, string[]];
  return reverted;
}
