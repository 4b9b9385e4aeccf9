import type { Config } from '../../core/config';
import type { Database } from '../../core/db/database';
import { DigestRepository } from '../../core/digest/digest.repo';
import type { Logger } from '../../core/logger';
import type { RecordingStore } from '../../core/tickets/recording-store.port';
import type { HealthSource } from '../health';
import { MailHealth } from '../mail/mail.health';
import { createMailer, type Mailer } from '../mail/mail.transport';
import { AuditRetentionJob } from './audit-retention.job';
import { type DigestMetrics, DigestScheduler } from './digest.scheduler';
import { DigestSender } from './digest.sender';
import { NotificationsJob } from './notifications.job';
import { RetentionJob } from './retention.job';

export interface Jobs {
  /** 'mail' in /healthz: transport, last error, messages waiting for a retry. */
  readonly health: HealthSource;
  /** Resolves when the start-up catch-up (a digest missed while down, pending notifications) is done. */
  readonly caughtUp: Promise<void>;
  /** Schedules everything and starts the catch-up, without waiting for it. */
  start(): void;
  stop(): Promise<void>;
}

export interface JobsOptions {
  config: Config;
  db: Database;
  logger: Logger;
  /** Tests pass a mailer of their own; otherwise SMTP_URL or the .eml outbox. */
  mailer?: Mailer;
  now?: () => Date;
  sweepEveryMs?: number;
  pollEveryMs?: number;
  /** Counts digest sends for /metrics. */
  metrics?: DigestMetrics;
  /** Where expired recordings are deleted (Telephony.recordings); without it they are kept. */
  recordings?: RecordingStore;
}

/**
 * The scheduled side of the service: weekly digest, monthly report, ticket notifications, daily
 * reminders, recording and audit retention. Safe to start in every instance (see DESIGN.md,
 * "Growing past one machine").
 */
export function createJobs(options: JobsOptions): Jobs {
  const { config, db, now } = options;
  const logger = options.logger.child({ component: 'jobs' });
  const mailer =
    options.mailer ??
    createMailer({ smtpUrl: config.mail.smtpUrl, dataDir: config.dataDir, from: config.mailFrom, logger });
  const health = new MailHealth(mailer.description);
  const settings = new DigestRepository(db.knex);
  const adminEmail = async () => config.mail.digestTo ?? (await settings.adminEmail());
  if (!config.mail.smtpUrl && !options.mailer)
    logger.info(`no SMTP_URL: e-mail is written as .eml files (${mailer.description})`);
  if (db.kind === 'pglite')
    logger.info(
      'embedded database: jobs run in this single process (advisory locks matter only on PostgreSQL)',
    );

  const digests = new DigestScheduler({
    sender: new DigestSender({
      knex: db.knex,
      mailer,
      health,
      logger,
      timeZone: config.timeZone,
      publicUrl: config.publicUrl,
      digestTo: config.mail.digestTo,
      mailFrom: config.mailFrom,
      ...(now ? { now } : {}),
    }),
    health,
    logger,
    timeZone: config.timeZone,
    crons: { weekly: config.jobs.digestCron, monthly: config.jobs.monthlyReportCron },
    ...(now ? { now } : {}),
    ...(options.sweepEveryMs ? { sweepEveryMs: options.sweepEveryMs } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const notifications = new NotificationsJob({
    knex: db.knex,
    mailer,
    health,
    logger,
    timeZone: config.timeZone,
    publicUrl: config.publicUrl,
    reminderCron: config.jobs.reminderCron,
    escalateAfterDays: config.jobs.escalateAfterDays,
    adminEmail,
    ...(now ? { now } : {}),
    ...(options.pollEveryMs ? { pollEveryMs: options.pollEveryMs } : {}),
  });
  // Without ARI there is no Asterisk to delete audio from; citizens' photos expire all the same.
  const retention = new RetentionJob({
    knex: db.knex,
    ...(options.recordings ? { audio: options.recordings } : {}),
    logger,
    retentionDays: config.recordingRetentionDays,
    timeZone: config.timeZone,
    ...(now ? { now } : {}),
  });
  const auditRetention = new AuditRetentionJob({
    knex: db.knex,
    logger,
    retentionMonths: config.auditRetentionMonths,
    timeZone: config.timeZone,
    ...(now ? { now } : {}),
  });
  return {
    health,
    get caughtUp() {
      return Promise.all([digests.caughtUp, notifications.caughtUp]).then(() => undefined);
    },
    start() {
      digests.start();
      notifications.start();
      retention.start();
      auditRetention.start();
    },
    async stop() {
      await digests.stop();
      await notifications.stop();
      await retention.stop();
      await auditRetention.stop();
      mailer.close();
    },
  };
}
