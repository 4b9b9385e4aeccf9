import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { BareAriApi } from './bare-ari.child';
import { type BenchBuild, buildForBench } from './bench.build';
import { createBenchDatabase } from './bench.database';
import { Child, REPO_ROOT } from './bench.ipc';
import { renderTable } from './bench.report';
import type { EmulatorApi } from './emulator.child';
import { type Options, parseOptions, planFor, type RunOptions } from './ivr.plan';
import { type IvrRun, type Report, report, targetSummary } from './ivr.summary';
import type { IvrAppApi } from './ivr-app.child';

const ARI = { username: 'hotline', password: 'bench-secret' };
/** The prompts the IVR plays as `sound:hotline/vi/<name>`: the emulator plays each for its WAV's length. */
const SOUNDS_DIR = path.join(REPO_ROOT, 'ivr', 'sounds', 'vi');
const SOUND_PREFIX = 'hotline/vi/';
const say = (text: string) => process.stderr.write(`[bench] ${text}\n`);

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function profileFlags(options: RunOptions, name: string): string[] {
  if (!options.cpuProfDir) return [];
  mkdirSync(options.cpuProfDir, { recursive: true });
  const file = `${name}-${options.callsPerSecond}cps.cpuprofile`;
  return ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`, `--cpu-prof-name=${file}`];
}

async function runIvr(
  options: RunOptions,
  build: BenchBuild,
  emulator: Child<EmulatorApi>,
  ariUrl: string,
  databaseUrl: string | null,
  work: string,
): Promise<IvrRun> {
  const logFile = path.join(work, 'ivr.log');
  const logFd = openSync(logFile, 'w');
  const ivr = new Child<IvrAppApi>('ivr', build.script('ivr-app.child'), {
    stdio: ['ignore', logFd, logFd, 'ipc'],
    nodeFlags: profileFlags(options, 'ivr'),
  });
  try {
    const started = await ivr.call('start', {
      ari: { url: ariUrl, ...ARI, app: 'hotline' },
      databaseUrl,
      dataDir: work,
      recordCalls: options.recordCalls,
    });
    await emulator.call('waitForApp', 'hotline');
    say(`IVR connected (${started.database}, idle RSS ${started.rssIdleMb.toFixed(0)} MB); load starts`);
    await ivr.call('measureStart');
    const load = await emulator.call('run', planFor('ivr', options));
    await waitUntil(async () => (await ivr.call('activeCalls')) === 0, 15_000, 'the IVR to finish its calls');
    const metrics = await ivr.call('measureStop');
    const tickets = await ivr.call(
      'verify',
      load.calls.map((call) => ({ channelId: call.channelId, code: call.code })),
    );
    await ivr.call('stop');
    const logLines = readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    const errors = logLines.filter((line) => /"level":"(error|warn)"/.test(line));
    return { started, load, metrics, tickets, logLines: logLines.length, logProblems: errors.slice(0, 5) };
  } catch (error) {
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
    say(`the IVR process failed; the end of its log (${logFile}):\n${tail}`);
    throw error;
  } finally {
    await ivr.end();
  }
}

async function runBare(options: RunOptions, build: BenchBuild, emulator: Child<EmulatorApi>, ariUrl: string) {
  const bare = new Child<BareAriApi>('bare', build.script('bare-ari.child'), {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    nodeFlags: profileFlags(options, 'bare'),
  });
  try {
    await bare.call('start', { url: ariUrl, ...ARI, app: 'bare' });
    await emulator.call('waitForApp', 'bare');
    say('bare ARI script connected; load starts');
    const load = await emulator.call('run', planFor('bare', options));
    await bare.call('stop');
    return load;
  } finally {
    await bare.end();
  }
}

/** One rate: a fresh database and emulator, the IVR's run, then the bare script's; the report's table. */
async function runAtRate(options: RunOptions, build: BenchBuild, work: string): Promise<Report> {
  say(`--- ${options.callsPerSecond} new calls/s ---`);
  const loadBefore = loadavg()[0] ?? 0;
  const database = await createBenchDatabase(say);
  const emulator = new Child<EmulatorApi>('emulator', build.script('emulator.child'), {
    onNote: say,
    nodeFlags: profileFlags(options, 'emulator'),
  });
  try {
    const { url } = await emulator.call('start', {
      ...ARI,
      sounds: { dir: SOUNDS_DIR, prefix: SOUND_PREFIX },
      timeScale: options.timeScale,
    });
    say(`emulator on ${url} (pid ${emulator.pid}); database: ${database.description}`);
    const ivr = await runIvr(options, build, emulator, url, database.url, work);
    const bare = await runBare(options, build, emulator, url);
    await emulator.call('stop');
    if (options.dumpFile) {
      const file = options.dumpFile.replace(/(\.json)?$/, `-${options.callsPerSecond}cps.json`);
      writeFileSync(file, JSON.stringify({ ivr, bare }, null, 1));
    }
    // Others' processes on the same cores show in the tails: the load average says how busy it was.
    const machine = `${cpus().length} cores, 1-min load average ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after`;
    return report(options, `${database.description}; machine: ${machine}`, ivr, bare);
  } finally {
    await emulator.end();
    await database.drop().catch((error: Error) => say(`could not drop the bench database: ${error.message}`));
  }
}

async function main({ rates, ...shared }: Options): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'hotline-bench-'));
  say('compiling the project to JavaScript for the measured processes');
  const build = buildForBench();
  try {
    const reports: Report[] = [];
    for (const callsPerSecond of rates) {
      const { lines, details } = await runAtRate({ ...shared, callsPerSecond }, build, work);
      reports.push({ lines, details });
      process.stdout.write(
        `\n## ${callsPerSecond} new calls/s\n\n${[renderTable(lines), ...details].join('\n')}\n`,
      );
    }
    process.stdout.write(`\n${targetSummary(rates, reports)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    build.remove();
  }
}

function optionsOrExit(): Options {
  try {
    return parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`[bench] ${(error as Error).message}\n`);
    process.exit(2);
  }
}

main(optionsOrExit()).then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`[bench] the benchmark itself broke: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
