import type { Database } from '../core/db/database';
import { migrateToLatest } from '../core/db/migrator';
import type { Logger } from '../core/logger';
import { SAMPLE_ORGANISATION_NAME, sampleOrganisation } from '../core/seed/organisation.load';
import { seedOrganisation } from '../core/seed/organisation.seed';
import { generatePassword } from '../core/users/password';
import { UsersRepository } from '../core/users/users.repo';

export interface FirstAdmin {
  username: string;
  password: string;
}

/**
 * Readies the database before anything serves: applies migrations; on the embedded database only,
 * loads the sample organisation into an empty system (a configured PostgreSQL is never seeded
 * behind the operator's back); creates the first admin when there is no user at all.
 */
export async function prepareDatabase(db: Database, logger: Logger): Promise<{ firstAdmin?: FirstAdmin }> {
  const applied = await migrateToLatest(db.knex);
  if (applied.length > 0) logger.info('migrations applied', { count: applied.length, last: applied.at(-1) });

  if (db.kind === 'pglite') {
    const units = await db.knex('units').count<{ count: number }>({ count: '*' }).first();
    if ((units?.count ?? 0) === 0) {
      const summary = await seedOrganisation(db.knex, sampleOrganisation());
      logger.info(
        `embedded database was empty: loaded the ${SAMPLE_ORGANISATION_NAME} organisation`,
        summary,
      );
    }
  }

  const users = new UsersRepository(db.knex);
  if ((await users.count()) > 0) return {};
  const firstAdmin = { username: 'admin', password: generatePassword() };
  await users.create({
    ...firstAdmin,
    role: 'admin',
    displayName: 'Quản trị viên',
    mustChangePassword: true,
  });
  return { firstAdmin };
}
