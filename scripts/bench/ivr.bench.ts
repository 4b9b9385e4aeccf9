import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { BareAriApi } from './bare-ari.child';
import { type BenchBuild, buildForBench } from './bench.build';
import { createBenchDatabase } from './bench.database';
import { Child, REPO_ROOT } from './bench.ipc';
import {
  causeAgreement,
  failureSummary,
  type Line,
  latency,
  leftoverCount,
  ms,
  percentiles,
  renderTable,
  typicalPath,
} from './bench.report';
import type { EmulatorApi } from './emulator.child';
import { type Options, parseOptions, planFor, type RunOptions } from './ivr.plan';
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
) {
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

interface Report {
  lines: Line[];
  details: string[];
}

/** One line per target: its result at each rate, in the order run (every run lists the same lines). */
function targetSummary(rates: number[], reports: Report[]): string {
  const targetsOf = (run: Report) => run.lines.filter((line) => line.isPass !== undefined);
  const rows = targetsOf(reports[0] ?? { lines: [], details: [] }).map((first, index) => {
    const lines = reports.map((run) => targetsOf(run)[index]);
    const results = lines
      .map((line, run) => `${line?.isPass ? 'PASS' : 'FAIL'} at ${rates[run]}/s`)
      .join(', ');
    const targets = [...new Set(lines.map((line) => line?.target))].join(' / ');
    return `${results}: ${first.figure} (target ${targets})`;
  });
  return [`## Targets at ${rates.join(', ')} new calls/s`, ...rows].join('\n');
}

function report(
  options: RunOptions,
  databaseDescription: string,
  ivr: Awaited<ReturnType<typeof runIvr>>,
  bare: Awaited<ReturnType<typeof runBare>>,
): Report {
  const { load, metrics, tickets } = ivr;
  const app = percentiles(load.calls.map((call) => call.digitToCreateMs));
  const yardstick = percentiles(bare.calls.map((call) => call.digitToCreateMs));
  const reaction = percentiles(load.calls.map((call) => call.digitToFirstRequestMs));
  const announcement = percentiles(load.calls.map((call) => call.announcementMs));
  const answer = percentiles(load.calls.map((call) => call.placedToAnswerMs));
  const failures = failureSummary(load.calls, tickets.problems);
  const bareFailures = failureSummary(bare.calls, []);
  const legs = load.calls.flatMap((call) => call.legs);
  const answerToBridge = percentiles(legs.map((leg) => leg.answerToBridgeMs));
  const agreement = causeAgreement(load.calls, tickets.targetResults);
  const agreementPercent = agreement.legs === 0 ? 0 : (agreement.matching / agreement.legs) * 100;
  const legShares = [...agreement.byExpected.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([result, count]) => `${result} ${count} (${((count / agreement.legs) * 100).toFixed(1)} %)`)
    .join(', ');
  const left = load.leftovers;
  const ratio50 = app.p50 / yardstick.p50;
  const ratio99 = app.p99 / yardstick.p99;
  const sustainS = (load.sustainMs / 1000).toFixed(0);
  const lines: Line[] = [
    {
      figure: 'concurrent calls held (lowest during sustain; peak)',
      measured: `${load.heldDuringSustain}; peak ${load.heldPeak}`,
      target: `>= ${options.held}`,
      isPass: load.heldDuringSustain >= options.held,
    },
    {
      figure: 'new calls/s sustained',
      measured: `${load.placedPerSecond.toFixed(1)} (${sustainS} s after a ${(load.rampMs / 1000).toFixed(1)} s ramp)`,
      target: `>= ${options.callsPerSecond}`,
      isPass: load.placedPerSecond >= options.callsPerSecond * 0.99,
    },
    {
      figure: 'failed calls (end not reached, or ticket missing/wrong)',
      measured: `${failures.failed} of ${load.calls.length}`,
      target: '0',
      isPass: failures.failed === 0,
    },
    {
      figure: 'resources left on Asterisk after the IVR run',
      measured: `${leftoverCount(load)} (channels ${left.channels.length}, bridges ${left.bridges.length}, playbacks ${left.playbacks.length}, recordings ${left.liveRecordings.length})`,
      target: '0',
      isPass: leftoverCount(load) === 0,
    },
    {
      figure: 'official answer → bridge (answered legs, emulator ms)',
      measured: latency(answerToBridge),
      target: 'p99 <= 300 ms',
      isPass: answerToBridge.count > 0 && answerToBridge.p99 <= 300,
    },
    {
      figure: "legs whose timeline end matches the emulator's cause",
      measured: `${agreement.matching} of ${agreement.legs} (${agreementPercent.toFixed(1)} %)`,
      target: '100 %',
      isPass: agreement.legs > 0 && agreement.matching === agreement.legs,
    },
    {
      figure: 'tickets without an outcome after the run',
      measured: String(tickets.ticketsWithoutOutcome),
      target: '0',
      isPass: tickets.ticketsWithoutOutcome === 0,
    },
    {
      figure: 'last digit → create, IVR',
      measured: latency(app),
      target: 'p99 <= 5 ms',
      isPass: app.p99 <= 5,
    },
    {
      figure: 'event-loop lag of the IVR process',
      measured: `p99 ${ms(metrics.loopLagP99Ms)} (p50 ${ms(metrics.loopLagP50Ms)}, max ${ms(metrics.loopLagMaxMs)})`,
      target: 'p99 <= 20 ms',
      isPass: metrics.loopLagP99Ms <= 20,
    },
    {
      figure: 'peak RSS of the IVR process',
      measured: `${metrics.peakRssMb.toFixed(0)} MB (idle ${ivr.started.rssIdleMb.toFixed(0)} MB)`,
      target: '<= 250 MB',
      isPass: metrics.peakRssMb <= 250,
    },
    {
      figure: 'last digit → create, bare ARI script',
      measured: latency(yardstick),
      target: '',
      isPass: undefined,
    },
    {
      figure: 'ratio IVR / bare (p50; p99)',
      measured: `${ratio50.toFixed(2)}; ${ratio99.toFixed(2)}`,
      target: '<= 1.5',
      isPass: ratio50 <= 1.5 && ratio99 <= 1.5,
    },
    { figure: 'official legs by how the emulator ended them', measured: legShares, target: '' },
    { figure: 'IVR: last digit → its first request', measured: latency(reaction), target: '' },
    {
      figure: 'IVR: an announcement before the create (calls that took that path)',
      measured: latency(announcement),
      target: '',
    },
    { figure: 'IVR: call placed → answer request', measured: latency(answer), target: '' },
    {
      figure: 'IVR process CPU during the load',
      measured: `${metrics.cpuPercent.toFixed(0)} % of one core`,
      target: '',
    },
    {
      figure: 'emulator event-loop lag p99 (IVR run; bare run)',
      measured: `${ms(load.emulatorLoopLagP99Ms)}; ${ms(bare.emulatorLoopLagP99Ms)}`,
      target: '',
    },
    {
      figure: 'bare run: failed calls; concurrent held',
      measured: `${bareFailures.failed} of ${bare.calls.length}; ${bare.heldDuringSustain}`,
      target: '',
    },
  ];
  const details = [
    '',
    `database: ${databaseDescription}; tickets found ${tickets.tickets}, with a recording ${tickets.withRecording}, timeline rows ${tickets.ticketEvents}, outbox backlog ${tickets.outboxBacklog}`,
    `IVR settings: production defaults, call recording ${options.recordCalls ? 'ON' : 'OFF'}; log level info (JSON), ${ivr.logLines} lines`,
    `prompts in the emulator: each WAV's length × ${options.timeScale} (ivr/sounds/vi; 40 ms for a sound without a file), created legs enter Stasis after the emulator's default delay; rate ${options.callsPerSecond}/s; talk ${(planFor('ivr', options).talkMs / 1000).toFixed(0)} s per call`,
    `IVR path from the last digit: ${typicalPath(load.calls)}`,
    `bare path from the last digit: ${typicalPath(bare.calls)}`,
    ...failures.reasons.slice(0, 5).map((reason) => `IVR failure: ${reason}`),
    ...agreement.mismatches.slice(0, 5).map((mismatch) => `leg end (emulator → timeline): ${mismatch}`),
    ...bareFailures.reasons.slice(0, 3).map((reason) => `bare failure: ${reason}`),
    ...Object.entries(load.leftovers).flatMap(([kind, items]: [string, string[]]) =>
      items.slice(0, 3).map((item) => `left on Asterisk (${kind}): ${item}`),
    ),
    ...ivr.logProblems.map((line) => `IVR log: ${line.slice(0, 300)}`),
  ];
  return { lines, details };
}

/** A bad flag is the caller's mistake, not the benchmark breaking: the message alone, exit code 2. */
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
