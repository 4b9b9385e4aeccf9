import { migrateToLatest } from '../core/db/migrator';
import {
  readOrganisationFile,
  SAMPLE_ORGANISATION_NAME,
  sampleOrganisation,
} from '../core/seed/organisation.load';
import { seedOrganisation } from '../core/seed/organisation.seed';
import { openConfiguredDatabase, parseFlags, runCli } from './cli';

const USAGE = `usage: npm run seed [-- --file FILE]
  Loads an organisation (units, contacts, duty plan) into the database; without --file, the
  sample district (Bắc Từ Liêm). Loading the same file again changes nothing.`;

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), { file: { type: 'string' } }, USAGE);
  const organisation = flags.file ? await readOrganisationFile(flags.file) : sampleOrganisation();
  const db = await openConfiguredDatabase();
  try {
    await migrateToLatest(db.knex);
    const summary = await seedOrganisation(db.knex, organisation);
    process.stdout.write(
      `seeded ${flags.file ?? SAMPLE_ORGANISATION_NAME} into ${db.location}\n${JSON.stringify(summary, null, 2)}\n`,
    );
  } finally {
    await db.close();
  }
});
