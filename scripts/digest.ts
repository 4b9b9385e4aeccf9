import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../core/config';
import { migrateToLatest } from '../core/db/migrator';
import { parsePeriod } from '../core/digest/digest.period';
import type { DigestPeriod } from '../core/digest/digest.types';
import { createLogger } from '../core/logger';
import { DigestSender } from '../server/jobs/digest.sender';
import { MailHealth } from '../server/mail/mail.health';
import { createMailer } from '../server/mail/mail.transport';
import { openConfiguredDatabase, parseFlags, runCli, UsageError } from './cli';

const USAGE = `usage: npm run digest -- (--week YYYY-Www | --month YYYY-MM) [--dry-run [--out DIR]] [--to ADDRESS]...
  --week 2026-W47   the weekly digest of that ISO week
  --month 2026-10   the monthly report of that month (with the month's call log as Excel)
  --dry-run         render only: write the HTML, the text and the XLSX to a folder (printed), send nothing
  --out DIR         the folder for --dry-run (default: a new folder under the system's temp directory)
  --to ADDRESS      send a copy to this address instead (repeatable); not recorded, never blocks the
                    scheduled digest. Without --to the digest goes to DIGEST_TO (else admin_email),
                    at most once per period, exactly as the scheduler would send it.`;

const email = z.email();

interface DigestCommand {
  period: DigestPeriod;
  dryRun: boolean;
  out: string | undefined;
  to: string[];
}

function parseCommand(argv: string[], timeZone: string): DigestCommand {
  const flags = parseFlags(
    argv,
    {
      week: { type: 'string' },
      month: { type: 'string' },
      'dry-run': { type: 'boolean' },
      out: { type: 'string' },
      to: { type: 'string', multiple: true },
    },
    USAGE,
  );
  if (flags.week !== undefined && flags.month !== undefined) {
    throw new UsageError('give either --week or --month, not both', USAGE);
  }
  if (flags.week === undefined && flags.month === undefined) {
    throw new UsageError('which period? give --week YYYY-Www or --month YYYY-MM', USAGE);
  }
  const period =
    flags.week !== undefined
      ? parsePeriod('weekly', String(flags.week), timeZone)
      : parsePeriod('monthly', String(flags.month), timeZone);
  if (!period) {
    const shown =
      flags.week !== undefined
        ? `--week "${flags.week}" is not an ISO week such as 2026-W47`
        : `--month "${flags.month}" is not a month such as 2026-10`;
    throw new UsageError(shown, USAGE);
  }
  const to = (flags.to ?? []) as string[];
  for (const address of to) {
    if (!email.safeParse(address).success)
      throw new UsageError(`--to "${address}" is not an e-mail address`, USAGE);
  }
  if (flags.out !== undefined && !flags['dry-run']) throw new UsageError('--out goes with --dry-run', USAGE);
  return { period, dryRun: Boolean(flags['dry-run']), out: flags.out as string | undefined, to };
}

runCli(async () => {
  const config = loadConfig(process.env);
  const command = parseCommand(process.argv.slice(2), config.timeZone);
  const logger = createLogger({
    level: process.env.LOG_LEVEL ?? 'warn',
    format: 'pretty',
    stream: process.stderr,
  });
  const db = await openConfiguredDatabase();
  const mailer = createMailer({
    smtpUrl: config.mail.smtpUrl,
    dataDir: config.dataDir,
    from: config.mailFrom,
    logger,
  });
  try {
    await migrateToLatest(db.knex);
    const sender = new DigestSender({
      knex: db.knex,
      mailer,
      health: new MailHealth(mailer.description),
      logger,
      timeZone: config.timeZone,
      publicUrl: config.publicUrl,
      digestTo: config.mail.digestTo,
      mailFrom: config.mailFrom,
    });
    const { period } = command;
    if (command.dryRun) {
      const digest = await sender.render(period);
      const folder = command.out ?? mkdtempSync(path.join(os.tmpdir(), `digest-${period.label}-`));
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, `digest-${period.label}.html`), digest.html);
      writeFileSync(path.join(folder, `digest-${period.label}.txt`), digest.text);
      writeFileSync(path.join(folder, digest.xlsx.filename), digest.xlsx.content);
      process.stdout.write(`${digest.subject}\nwritten to ${path.resolve(folder)} (nothing sent)\n`);
      return;
    }
    if (command.to.length > 0) {
      const sent = await sender.sendCopy(period, command.to);
      process.stdout.write(
        `sent a copy of ${period.kind} ${period.label} to ${command.to.join(', ')} via ${sent.destination} (${sent.messageId})\n`,
      );
      return;
    }
    const result = await sender.sendOnce(period);
    if (result.status === 'sent') {
      process.stdout.write(
        `sent ${period.kind} ${period.label} via ${result.destination} (${result.messageId})\n`,
      );
    } else if (result.status === 'skipped' && result.reason === 'no-recipient') {
      throw new Error("no recipient: set DIGEST_TO or the organisation's admin_email, or pass --to");
    } else if (result.status === 'skipped') {
      const why = result.reason === 'sent' ? 'it was already sent (use --to to send a copy)' : result.reason;
      process.stdout.write(`not sent: ${why}\n`);
    } else {
      throw new Error(`sending ${period.kind} ${period.label} failed: ${result.error}`);
    }
  } finally {
    mailer.close();
    await db.close();
  }
});
