import { z } from 'zod';
import { createLogger } from '../../core/logger';
import { parseFlags, runCli, UsageError } from '../cli';
import { formatFuzzReport } from './fuzz.report';
import { runFuzz } from './fuzz.run';

const USAGE = `usage: npm run fuzz -- [--requests N] [--seconds S] [--seed X] [--log-level LEVEL]
  --requests N   requests to send, 1 to 1000000 (default 2000)
  --seconds S    stop after this many seconds, 1 to 3600 (default 120)
  --seed X       PRNG seed, an integer 0 to 4294967295 (default: random, printed)
  --log-level L  the server's log lines on stderr: error, warn, info (default error)
Starts the app on a fresh database (PostgreSQL at BENCH_DATABASE_SERVER_URL or 127.0.0.1:5432, else
in-memory PGlite), seeds units, contacts, tickets and three users, and exits 1 on any 5xx or any row
changed by a refused request.`;

const wholeNumber = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `--${name} must be a whole number`)
    .transform(Number)
    .pipe(
      z.number().min(min, `--${name} must be at least ${min}`).max(max, `--${name} must be at most ${max}`),
    );

const flagsSchema = z.object({
  requests: wholeNumber('requests', 1, 1_000_000).default(2000),
  seconds: wholeNumber('seconds', 1, 3600).default(120),
  seed: wholeNumber('seed', 0, 2 ** 32 - 1).optional(),
  'log-level': z
    .enum(['error', 'warn', 'info'], { message: '--log-level must be error, warn or info' })
    .default('error'),
});

async function main(): Promise<void> {
  const raw = parseFlags(
    process.argv.slice(2),
    {
      requests: { type: 'string' },
      seconds: { type: 'string' },
      seed: { type: 'string' },
      'log-level': { type: 'string' },
    },
    USAGE,
  );
  const parsed = flagsSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('; '), USAGE);
  const flags = parsed.data;
  const seed = flags.seed ?? Math.floor(Math.random() * 2 ** 32);
  const logger = createLogger({ level: flags['log-level'], format: 'json', stream: process.stderr });
  const report = await runFuzz({ requests: flags.requests, seconds: flags.seconds, seed, logger });
  process.stdout.write(formatFuzzReport(report));
  if (report.serverErrors.length > 0 || report.rowsChangedByRefused.length > 0) process.exitCode = 1;
}

runCli(main);
