import path from 'node:path';
import { type Config, ConfigError, describeConfig, loadConfig } from '../core/config';
import { openDatabase } from '../core/db/database';
import { createLogger, type Logger } from '../core/logger';
import { createApp } from './app';
import { prepareDatabase } from './bootstrap';
import { listen } from './http-server';
import { startJobs } from './jobs/jobs';
import { startTelephony } from './telephony';

/** The composition root: reads the configuration, builds every part once, and owns their lifetimes. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its default.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.log.level, format: config.log.format });
  logger.info('starting the hotline service', describeConfig(config));

  const db = await openDatabase(
    config.database.url
      ? {
          kind: 'postgres',
          url: config.database.url,
          log: (level, message) => logger.debug(`knex ${level}`, { message }),
        }
      : { kind: 'pglite', directory: path.join(config.dataDir, 'pglite') },
  );
  const { firstAdmin } = await prepareDatabase(db, logger);
  if (firstAdmin) printFirstAdmin(firstAdmin);

  const telephony = await startTelephony(config, db, logger);
  const jobs = startJobs({ config, db, logger });
  const app = createApp({
    logger,
    db,
    healthSources: [...telephony.healthSources, jobs.health],
    api: { timeZone: config.timeZone, ari: config.ari, onRosterChanged: () => telephony.refreshRoster() },
  });
  const http = await listen(app, config.port);
  logger.info(`listening on http://localhost:${http.port}`, { port: http.port, database: db.kind });

  installShutdown(logger, async () => {
    await http.close();
    await telephony.stop();
    await jobs.stop();
    await db.close();
  });
}

function printFirstAdmin(admin: { username: string; password: string }): void {
  // Printed once, straight to the console and never to the log stream: it is a secret.
  process.stdout.write(
    [
      '',
      '================================================================',
      ' First start: an administrator account was created.',
      ` username: ${admin.username}`,
      ` password: ${admin.password}`,
      ' Keep it now: it is not shown again (the password must be changed at first sign-in).',
      '================================================================',
      '',
    ].join('\n'),
  );
}

/** Stops accepting requests first, then the call side and the jobs, and closes the database last. */
function installShutdown(logger: Logger, stopEverything: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    await stopEverything();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`hotline service failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
