import type { ServerBenchDatabase } from './bench.database';

/** Runs a benchmark's main: exit 0 once it is done, exit 1 with the stack when it fails. */
export function runBenchmark(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${name} benchmark failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}

/** Drops the benchmark's fresh database and says which it was. */
export async function dropBenchDatabase(database: ServerBenchDatabase): Promise<void> {
  await database.drop();
  process.stdout.write(`dropped ${database.url.replace(/.*\//, '')}\n`);
}
