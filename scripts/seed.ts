import { migrateToLatest } from '../core/db/migrator';
import { ProceduresRepository } from '../core/procedures/procedures.repo';
import {
  readOrganisationFile,
  SAMPLE_ORGANISATION_NAME,
  sampleOrganisation,
} from '../core/seed/organisation.load';
import { seedOrganisation } from '../core/seed/organisation.seed';
import { readProceduresFile, SAMPLE_PROCEDURES_NAME, sampleProcedures } from '../core/seed/procedures.load';
import { openConfiguredDatabase, parseFlags, runCli } from './cli';

const USAGE = `usage: npm run seed [-- --file FILE] [--procedures FILE]
  Loads an organisation (units, contacts, duty plan) into the database; without --file, the
  sample district (Bắc Từ Liêm). Then adds the procedures of a catalogue whose codes are not
  there yet; without --procedures, the sample catalogue (core/seed/procedures.json, to be checked
  by the office). Loading the same files again changes nothing.`;

runCli(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    { file: { type: 'string' }, procedures: { type: 'string' } },
    USAGE,
  );
  const organisation = flags.file ? await readOrganisationFile(flags.file) : sampleOrganisation();
  const procedures = flags.procedures ? await readProceduresFile(flags.procedures) : sampleProcedures();
  const db = await openConfiguredDatabase();
  try {
    await migrateToLatest(db.knex);
    const summary = await seedOrganisation(db.knex, organisation);
    const proceduresAdded = await new ProceduresRepository(db.knex).addMissing(procedures);
    process.stdout.write(
      `seeded ${flags.file ?? SAMPLE_ORGANISATION_NAME} and ${flags.procedures ?? SAMPLE_PROCEDURES_NAME} into ${db.location}\n${JSON.stringify({ ...summary, proceduresAdded }, null, 2)}\n`,
    );
  } finally {
    await db.close();
  }
});
