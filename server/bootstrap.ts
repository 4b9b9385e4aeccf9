import type { Database } from '../core/db/database';
import { INSTALLED_AT_KEY } from '../core/db/installation';
import { migrateToLatest } from '../core/db/migrator';
import type { Logger } from '../core/logger';
import { ProceduresRepository } from '../core/procedures/procedures.repo';
import { SAMPLE_ORGANISATION_NAME, sampleOrganisation } from '../core/seed/organisation.load';
import { seedOrganisation } from '../core/seed/organisation.seed';
import { sampleProcedures } from '../core/seed/procedures.load';
import { generatePassword } from '../core/users/password';
import { UsersRepository } from '../core/users/users.repo';

/**
 * Nothing was ever loaded: no unit and no organisation setting (the installation instant, which a
 * migration writes, is not one). An operator who later deletes every unit keeps the settings, so a
 * restart never brings the sample back over their work.
 */
async function isEmptyOrganisation(db: Database): Promise<boolean> {
  const [units, settings] = await Promise.all([
    db.knex('units').count<{ count: number }>({ count: '*' }).first(),
    db.knex('settings').whereNot({ key: INSTALLED_AT_KEY }).count<{ count: number }>({ count: '*' }).first(),
  ]);
  return (units?.count ?? 0) === 0 && (settings?.count ?? 0) === 0;
}

export interface FirstAdmin {
  username: string;
  password: string;
}

/**
 * Readies the database before anything serves: applies migrations; on the embedded database only,
 * loads the sample organisation and the sample procedures catalogue into an empty system (a configured PostgreSQL is never seeded
 * behind the operator's back); creates the first admin when there is no user at all.
 */
export async function prepareDatabase(db: Database, logger: Logger): Promise<{ firstAdmin?: FirstAdmin }> {
  const applied = await migrateToLatest(db.knex);
  if (applied.length > 0) logger.info('migrations applied', { count: applied.length, last: applied.at(-1) });

  if (db.kind === 'pglite' && (await isEmptyOrganisation(db))) {
    const summary = await seedOrganisation(db.knex, sampleOrganisation());
    const procedures = await new ProceduresRepository(db.knex).addMissing(sampleProcedures());
    logger.info(`embedded database was empty: loaded the ${SAMPLE_ORGANISATION_NAME} organisation`, {
      ...summary,
      procedures,
    });
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
