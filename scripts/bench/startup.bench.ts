import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServerBenchDatabase } from './bench.database';

/**
 * npm run bench:startup — how long `npm start` takes to answer /healthz on an installed checkout
 * (dist/ already built), on the embedded database and on PostgreSQL: the first start of a fresh
 * database (migrations and the sample organisation) once, then RUNS (default 5) starts of the same
 * database. Target: every later start within 3 s.
 */
const RUNS = Number(process.env.RUNS ?? 5);
const TARGET_MS = 3000;
const REPO = path.resolve(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    // npm start runs node as its child: the whole group gets the signal, as from a terminal.
    process.kill(-(child.pid as number), 'SIGTERM');
  });
}

/** This shell's environment without a database or port of its own: each run names its own. */
function inherited(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, PORT: _port, ...rest } = process.env;
  return rest;
}

async function timeToHealthz(env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: REPO,
    env: { ...inherited(), ...env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`npm start exited with ${child.exitCode} before /healthz answered`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await stop(child);
  }
}

async function measure(label: string, env: Record<string, string>): Promise<boolean> {
  const first = await timeToHealthz(env);
  const later: number[] = [];
  for (let i = 0; i < RUNS; i += 1) later.push(await timeToHealthz(env));
  later.sort((a, b) => a - b);
  const median = later[Math.floor(later.length / 2)] ?? Number.NaN;
  const worst = later.at(-1) ?? Number.NaN;
  const pass = worst <= TARGET_MS;
  console.log(
    `${label.padEnd(22)} first start ${first.toFixed(0).padStart(6)} ms   later starts: median ${median.toFixed(0).padStart(5)} ms, worst ${worst.toFixed(0).padStart(5)} ms   ${pass ? 'PASS' : 'FAIL'} (target ≤ ${TARGET_MS} ms)`,
  );
  return pass;
}

async function main(): Promise<void> {
  const build = spawn(process.execPath, ['scripts/build-when-stale.mjs'], { cwd: REPO, stdio: 'inherit' });
  const built = await new Promise<number | null>((resolve) => build.once('exit', resolve));
  if (built !== 0) throw new Error('the build failed; nothing measured');
  console.log(`npm start → /healthz answered, ${RUNS} later starts each (scripts/bench/startup.bench.ts)`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-startup-'));
  const postgres = await createServerBenchDatabase('hotline_startup');
  try {
    const embedded = await measure('embedded (PGlite)', { DATA_DIR: dataDir });
    const server = await measure('PostgreSQL', { DATA_DIR: dataDir, DATABASE_URL: postgres.url });
    process.exitCode = embedded && server ? 0 : 1;
  } finally {
    await postgres.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
