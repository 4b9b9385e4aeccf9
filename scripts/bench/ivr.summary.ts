import type { LoadResult } from './bench.plan';
import {
  causeAgreement,
  failureSummary,
  type Line,
  latency,
  leftoverCount,
  ms,
  percentiles,
  typicalPath,
} from './bench.report';
import { planFor, type RunOptions } from './ivr.plan';
import type { IvrAppApi } from './ivr-app.child';

/* The IVR benchmark's report: one table per rate against the targets, and their summary. */

type Answer<K extends keyof IvrAppApi> = Awaited<ReturnType<IvrAppApi[K]>>;

/** What one rate's IVR run brought back: its load, the process's own figures, the tickets it left. */
export interface IvrRun {
  started: Answer<'start'>;
  load: LoadResult;
  metrics: Answer<'measureStop'>;
  tickets: Answer<'verify'>;
  logLines: number;
  logProblems: string[];
}

export interface Report {
  lines: Line[];
  details: string[];
}

/** One line per target: its result at each rate, in the order run (every run lists the same lines). */
export function targetSummary(rates: number[], reports: Report[]): string {
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

export function report(
  options: RunOptions,
  databaseDescription: string,
  ivr: IvrRun,
  bare: LoadResult,
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
