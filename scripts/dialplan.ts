import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../core/config';
import { migrateToLatest } from '../core/db/migrator';
import { readOrganisationFile } from '../core/seed/organisation.load';
import { type Directory, directoryFromOrganisation } from '../core/units/directory';
import { DirectoryRepository } from '../core/units/directory.repo';
import { CONFIG_FILE_NAMES, renderAsteriskConfigs } from '../dialplans/render';
import { asteriskSettings, parseDidRoute, sipSettingsFromEnv } from '../dialplans/settings';
import { openConfiguredDatabase, parseFlags, runCli, UsageError } from './cli';

const USAGE = `usage: npm run dialplan -- --out DIR [--units-from FILE] [--did CODE=NUMBER ...] [--allow-empty-secrets]
  Writes ${CONFIG_FILE_NAMES.join(', ')} for the units and contacts in the database
  (or in an organisation file with --units-from) into DIR; copy them to /etc/asterisk.
  --did 3=02437000003   calls to that trunk number go straight to unit 3 (repeatable)
  --allow-empty-secrets render even when ARI_PASSWORD / AMI_PASSWORD / SIP_SECRET_SEED are empty
Environment: ARI_USERNAME, ARI_PASSWORD, ARI_APP, ARI_URL, AMI_USERNAME, AMI_PASSWORD, AMI_HOST,
  AMI_PORT, DIAL_TRUNK_TEMPLATE, RING_TIMEOUT_SECONDS, CONFIRM_TIMEOUT_SECONDS, OFFICIAL_CALLER_ID,
  SIP_SECRET_SEED, SIP_TRUNK_HOST, SIP_TRUNK_USERNAME, SIP_TRUNK_PASSWORD, SIP_BIND.`;

async function readDirectory(unitsFrom: string | undefined): Promise<Directory> {
  if (unitsFrom !== undefined) return directoryFromOrganisation(await readOrganisationFile(unitsFrom));
  const db = await openConfiguredDatabase();
  try {
    await migrateToLatest(db.knex);
    return await new DirectoryRepository(db.knex).directory();
  } finally {
    await db.close();
  }
}

runCli(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    {
      out: { type: 'string' },
      'units-from': { type: 'string' },
      did: { type: 'string', multiple: true },
      'allow-empty-secrets': { type: 'boolean' },
    },
    USAGE,
  );
  if (flags.out === undefined || flags.out.trim() === '')
    throw new UsageError('--out DIR is required', USAGE);
  let dids: ReturnType<typeof parseDidRoute>[];
  try {
    dids = (flags.did ?? []).map(parseDidRoute);
  } catch (error) {
    throw new UsageError((error as Error).message, USAGE);
  }
  const settings = asteriskSettings(loadConfig(process.env), sipSettingsFromEnv(process.env), {
    dids,
    allowEmptySecrets: flags['allow-empty-secrets'] ?? false,
  });
  const directory = await readDirectory(flags['units-from']);
  const rendered = renderAsteriskConfigs(directory, settings);

  const outDir = path.resolve(flags.out);
  await mkdir(outDir, { recursive: true });
  for (const name of CONFIG_FILE_NAMES) {
    // The files hold passwords: readable by their owner (the asterisk user after copying) only.
    await writeFile(path.join(outDir, name), rendered.files[name], { mode: 0o600 });
  }
  for (const warning of rendered.warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stdout.write(`wrote ${CONFIG_FILE_NAMES.join(', ')} to ${outDir}\n`);
});
