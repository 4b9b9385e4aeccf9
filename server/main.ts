import path from 'node:path';
import { type Config, ConfigError, describeConfig, loadConfig } from '../core/config';
import { openDatabase } from '../core/db/database';
import { NotificationListener } from '../core/db/notification-listener';
import { createLogger, type Logger } from '../core/logger';
import { DirectoryRepository } from '../core/units/directory.repo';
import { UnitCodes } from '../core/units/unit-codes';
import { SESSIONS_CHANNEL, SessionCache } from './api/auth/session-cache';
import { createApp } from './app';
import { prepareDatabase } from './bootstrap';
import { listen } from './http-server';
import { createJobs } from './jobs/jobs';
import { LiveBoard } from './live/live-board';
import { metricsApp } from './metrics/metrics.http';
import { HotlineMetrics } from './metrics/metrics.registry';
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

  const metrics = new HotlineMetrics();
  // Unit codes edited through another instance reach this one's call-log filter with the roster notice.
  const unitCodes = new UnitCodes(() => new DirectoryRepository(db.knex).unitIdsByCode());
  const telephony = await startTelephony(config, db, logger, {
    metrics,
    onRosterNotice: () => unitCodes.forget(),
  });
  const jobs = createJobs({ config, db, logger, metrics, recordings: telephony.recordings });
  const healthSources = [...telephony.healthSources, jobs.health];
  metrics.watch({
    callsInProgress: () => telephony.ivr?.activeCalls ?? 0,
    outboxDepth: () => telephony.outboxDepth(),
    connections: () =>
      healthSources
        .filter((source) => source.name === 'ari' || source.name === 'ami')
        .map((source) => ({ name: source.name, health: source.health() })),
  });
  const { ivr, roster } = telephony;
  const live = new LiveBoard({ calls: ivr, duty: roster, reachability: telephony.reachability, logger });
  live.start();
  // Sessions ended or users changed through another instance or a script reach this one's cache.
  const sessionCache = new SessionCache();
  const sessionChanges = config.database.url
    ? new NotificationListener({
        url: config.database.url,
        logger,
        channel: SESSIONS_CHANNEL,
        onNotification: (payload) => sessionCache.onNotice(payload),
        onMissedNotifications: () => sessionCache.forgetAll(),
      })
    : undefined;
  sessionChanges?.start();
  const app = createApp({
    logger,
    db,
    healthSources,
    requiredForReady: config.ari.url ? ['ari'] : [],
    ...(config.metrics.token && { metrics: { registry: metrics.registry, token: config.metrics.token } }),
    api: {
      timeZone: config.timeZone,
      publicUrl: config.publicUrl,
      recordings: telephony.recordings,
      onRosterChanged: () => telephony.refreshRoster(),
      sessionCache,
      unitCodes,
      live,
      ...(ivr && {
        callbacks: {
          get isConnected() {
            return ivr.isConnected;
          },
          onDuty: (unitId: number, at: Date) => roster.onDuty(unitId, at),
          hasCallbackFor: (ticketId: number) => ivr.hasCallbackFor(ticketId),
          startCallback: ivr.startCallback.bind(ivr),
        },
      }),
    },
  });
  const http = await listen(app, config.port);
  logger.info(`listening on http://localhost:${http.port}`, { port: http.port, database: db.kind });
  // Catching up on missed digests and reminders waits until requests are served: on the embedded
  // database its queries would otherwise hold the one connection the first requests need.
  jobs.start();
  // A local Prometheus scrapes the loopback port; the token, if set, is asked there too.
  const metricsHttp = config.metrics.port
    ? await listen(
        metricsApp(metrics.registry, config.metrics.token, logger),
        config.metrics.port,
        '127.0.0.1',
      )
    : undefined;
  if (!config.metrics.port && !config.metrics.token)
    logger.info('/metrics is off: set METRICS_TOKEN and/or METRICS_PORT to serve it');

  installShutdown(logger, async () => {
    await http.close();
    await metricsHttp?.close();
    await sessionChanges?.stop();
    live.stop();
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
