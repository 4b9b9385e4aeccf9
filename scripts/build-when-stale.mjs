// `npm start`'s first step: compiles the service into dist/ with tsc only when a source (or the
// compiler settings, or the installed packages) changed since the last build, so a start on an
// installed checkout goes straight to node. Plain JavaScript, so that it needs no compiler itself.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
/** What tsconfig.build.json compiles, and what decides how. */
const inputs = [
  'core',
  'ivr',
  'server',
  'dialplans',
  'scripts',
  'migrations',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
];

function newestChange(entry) {
  const stats = statSync(entry, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce(
    (newest, name) => Math.max(newest, newestChange(path.join(entry, name))),
    stats.mtimeMs,
  );
}

const builtAt = statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
const changedAt = Math.max(...inputs.map((input) => newestChange(path.join(root, input))));
if (changedAt <= builtAt) process.exit(0);

const startedAt = new Date();
console.log(
  builtAt === 0 ? 'building dist/ (first start)' : 'sources changed since the last build: rebuilding dist/',
);
const tsc = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (tsc.status !== 0) {
  console.error(`the build failed (tsc exited with ${tsc.status ?? tsc.signal}): dist/ was not updated`);
  process.exit(1);
}
writeFileSync(stamp, `built from the sources as of ${startedAt.toISOString()}\n`);
// Stamped with the build's start: a file saved while tsc ran makes the next start build again.
utimesSync(stamp, startedAt, startedAt);
