import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';
import { trunkTemplateProblem } from './domain/dial-target';
import { OFFICIAL_CALLER_ID_MODES, type OfficialCallerId } from './domain/official-caller-id';

const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const urlWithProtocols = (protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
    );

const port = z
  .string()
  .trim()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .refine((value) => value >= 1 && value <= 65535, 'must be between 1 and 65535');

const seconds = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'must be a number of seconds')
    .transform(Number)
    .refine((value) => value > 0 && value <= max, `must be more than 0 and at most ${max}`);

const cronExpression = z
  .string()
  .trim()
  .refine(isCronExpression, 'must be a cron expression such as "30 7 * * 1" (minute hour day month weekday)');

const booleanFlag = z
  .string()
  .trim()
  .toLowerCase()
  .refine(
    (value) => ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'].includes(value),
    'must be true or false',
  )
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: urlWithProtocols(['postgres:', 'postgresql:']).optional(),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  PORT: port.default(3000),
  ARI_URL: urlWithProtocols(['http:', 'https:']).optional(),
  ARI_USERNAME: z.string().default('hotline'),
  ARI_PASSWORD: z.string().default(''),
  ARI_APP: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, _ and -')
    .default('hotline'),
  AMI_HOST: optionalText,
  AMI_PORT: port.default(5038),
  AMI_USERNAME: z.string().default('hotline'),
  AMI_PASSWORD: z.string().default(''),
  DIAL_TRUNK_TEMPLATE: z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = trunkTemplateProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default('PJSIP/{national}@trunk'),
  RING_TIMEOUT_SECONDS: seconds(120).default(20),
  FIRST_DIGIT_TIMEOUT_SECONDS: seconds(60).default(7),
  INTER_DIGIT_TIMEOUT_SECONDS: seconds(30).default(3),
  MENU_ATTEMPTS: z
    .string()
    .trim()
    .regex(/^[1-9]$/, 'must be a whole number from 1 to 9')
    .transform(Number)
    .default(3),
  CONFIRM_TIMEOUT_SECONDS: seconds(60).default(10),
  OFFICIAL_CALLER_ID: z
    .enum(OFFICIAL_CALLER_ID_MODES, { message: `must be one of ${OFFICIAL_CALLER_ID_MODES.join(', ')}` })
    .default('hotline'),
  VOICEMAIL_MAX_SECONDS: seconds(600).default(120),
  SURVEY_TIMEOUT_SECONDS: seconds(60).default(10),
  RECORD_CALLS: booleanFlag.default(true),
  SMTP_URL: urlWithProtocols(['smtp:', 'smtps:']).optional(),
  DIGEST_TO: optionalText.pipe(z.email('must be an e-mail address').optional()),
  MAIL_FROM: z.string().trim().min(3).default('Đường dây nóng <hotline@localhost>'),
  PUBLIC_URL: urlWithProtocols(['http:', 'https:']).optional(),
  DIGEST_CRON: cronExpression.default('30 7 * * 1'),
  MONTHLY_REPORT_CRON: cronExpression.default('0 8 1 * *'),
  REMINDER_CRON: cronExpression.default('0 8 * * *'),
  ESCALATE_AFTER_DAYS: z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number of days')
    .transform(Number)
    .refine((value) => value >= 1 && value <= 365, 'must be between 1 and 365')
    .default(3),
  RECORDING_RETENTION_DAYS: z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number of days')
    .transform(Number)
    .refine((value) => value >= 1 && value <= 36500, 'must be between 1 and 36500')
    .default(365),
  AUDIT_RETENTION_MONTHS: z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number of months')
    .transform(Number)
    .refine((value) => value >= 1 && value <= 1200, 'must be between 1 and 1200')
    .default(24),
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'must have at least 16 characters').optional()),
  METRICS_PORT: port.optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  TIMEZONE: z
    .string()
    .trim()
    .refine(isTimeZone, 'must be an IANA time zone such as Asia/Ho_Chi_Minh')
    .default('Asia/Ho_Chi_Minh'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  nodeEnv: Env['NODE_ENV'];
  dataDir: string;
  port: number;
  timeZone: string;
  database: { url: string | undefined };
  ari: { url: string | undefined; username: string; password: string; app: string };
  ami: { host: string | undefined; port: number; username: string; password: string };
  ivr: IvrSettings;
  mail: { smtpUrl: string | undefined; digestTo: string | undefined };
  /** The From header of every e-mail the service sends. */
  mailFrom: string;
  /** Where people reach the web app; links in e-mails start with it (no trailing slash). */
  publicUrl: string;
  jobs: JobSettings;
  /** Recordings and voicemails older than this many days are deleted from Asterisk (tickets stay). */
  recordingRetentionDays: number;
  /** Audit rows older than this many months (whole months) are dropped. */
  auditRetentionMonths: number;
  /** /metrics: a bearer token on the main port and/or a separate listener on 127.0.0.1. */
  metrics: { token: string | undefined; port: number | undefined };
  log: { level: Env['LOG_LEVEL']; format: 'json' | 'pretty' };
}

/** When the scheduled jobs run: cron expressions read in the configured time zone. */
export interface JobSettings {
  digestCron: string;
  monthlyReportCron: string;
  reminderCron: string;
  /** An overdue ticket is escalated to Home Affairs once it is this many days past due. */
  escalateAfterDays: number;
}

/** How the call flow behaves; durations in milliseconds. */
export interface IvrSettings {
  trunkTemplate: string;
  ringTimeoutMs: number;
  firstDigitTimeoutMs: number;
  interDigitTimeoutMs: number;
  menuAttempts: number;
  confirmTimeoutMs: number;
  /** The number an official's phone shows for a call forwarded through the trunk. */
  officialCallerId: OfficialCallerId;
  voicemailMaxMs: number;
  surveyTimeoutMs: number;
  recordCalls: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the process environment once; unknown variables are ignored, bad ones all reported together. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape).flatMap((name) => {
      const value = env[name];
      return value === undefined || value === '' ? [] : [[name, value]];
    }),
  );
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const shown = name in relevant && !isSecretName(name) ? ` (got "${String(relevant[name])}")` : '';
        return `${name} ${issue.message}${shown}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    dataDir: e.DATA_DIR,
    port: e.PORT,
    timeZone: e.TIMEZONE,
    database: { url: e.DATABASE_URL },
    ari: { url: e.ARI_URL, username: e.ARI_USERNAME, password: e.ARI_PASSWORD, app: e.ARI_APP },
    ami: { host: e.AMI_HOST, port: e.AMI_PORT, username: e.AMI_USERNAME, password: e.AMI_PASSWORD },
    ivr: {
      trunkTemplate: e.DIAL_TRUNK_TEMPLATE,
      ringTimeoutMs: e.RING_TIMEOUT_SECONDS * 1000,
      firstDigitTimeoutMs: e.FIRST_DIGIT_TIMEOUT_SECONDS * 1000,
      interDigitTimeoutMs: e.INTER_DIGIT_TIMEOUT_SECONDS * 1000,
      menuAttempts: e.MENU_ATTEMPTS,
      confirmTimeoutMs: e.CONFIRM_TIMEOUT_SECONDS * 1000,
      officialCallerId: e.OFFICIAL_CALLER_ID,
      voicemailMaxMs: e.VOICEMAIL_MAX_SECONDS * 1000,
      surveyTimeoutMs: e.SURVEY_TIMEOUT_SECONDS * 1000,
      recordCalls: e.RECORD_CALLS,
    },
    mail: { smtpUrl: e.SMTP_URL, digestTo: e.DIGEST_TO },
    mailFrom: e.MAIL_FROM,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    jobs: {
      digestCron: e.DIGEST_CRON,
      monthlyReportCron: e.MONTHLY_REPORT_CRON,
      reminderCron: e.REMINDER_CRON,
      escalateAfterDays: e.ESCALATE_AFTER_DAYS,
    },
    recordingRetentionDays: e.RECORDING_RETENTION_DAYS,
    auditRetentionMonths: e.AUDIT_RETENTION_MONTHS,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT },
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT ?? (e.NODE_ENV === 'production' ? 'json' : 'pretty') },
  };
}

function isSecretName(name: string): boolean {
  return /PASSWORD|SECRET|TOKEN|_URL$/.test(name);
}

// node-postgres (like libpq) also takes these from a connection URL's query string.
const SECRET_URL_PARAMS = ['password', 'sslpassword'];

/** Hides passwords inside connection URLs so a URL can be logged. */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    for (const name of SECRET_URL_PARAMS) {
      if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
    }
    return parsed.toString();
  } catch {
    return '***';
  }
}

/** The configuration as it may appear in logs: no secret, no credentialed URL. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    nodeEnv: config.nodeEnv,
    port: config.port,
    timeZone: config.timeZone,
    database: config.database.url ? redactUrl(config.database.url) : `embedded (${config.dataDir}/pglite)`,
    ari: config.ari.url ? { url: redactUrl(config.ari.url), app: config.ari.app } : 'not configured',
    ami: config.ami.host ? { host: config.ami.host, port: config.ami.port } : 'not configured',
    smtp: config.mail.smtpUrl ? redactUrl(config.mail.smtpUrl) : `files under ${config.dataDir}/outbox`,
    logLevel: config.log.level,
    recordingRetentionDays: config.recordingRetentionDays,
    auditRetentionMonths: config.auditRetentionMonths,
    metrics: {
      token: config.metrics.token ? 'set' : 'not set',
      port: config.metrics.port ? `127.0.0.1:${config.metrics.port}` : 'none',
    },
  };
}
