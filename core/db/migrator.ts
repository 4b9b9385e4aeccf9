import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';

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

export async function migrateToLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest(config())) as [number, string[]];
  return applied;
}

/** Rolls back every applied migration, newest first. */
export async function rollbackAll(knex: Knex): Promise<string[]> {
  const [, reverted] = (await knex.migrate.rollback(config(), true)) as [number, string[]];
  return reverted;
}
