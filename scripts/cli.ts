import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../core/config';
import { type Database, openDatabase } from '../core/db/database';

export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

type OptionSpec = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** Strict flag parsing: an unknown flag or a missing value is a usage error naming the flag. */
export function parseFlags<T extends OptionSpec>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
}

/** Opens the database the service would use: DATABASE_URL, or the embedded one under DATA_DIR. */
export async function openConfiguredDatabase(): Promise<Database> {
  const config = loadConfig(process.env);
  return openDatabase(
    config.database.url
      ? { kind: 'postgres', url: config.database.url, poolMax: 2 }
      : { kind: 'pglite', directory: path.join(config.dataDir, 'pglite') },
  );
}

/** Runs a command-line entry point: an error prints one clear message (the stack with DEBUG=1) and exits 1. */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`error: ${message}\n`);
      if (error instanceof UsageError) process.stderr.write(`\n${error.usage}\n`);
      else if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      process.exit(1);
    },
  );
}
