import type { CallRecord, LegRecord, LoadResult } from './bench.plan';

export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of the values present. */
export function percentiles(values: Array<number | undefined>): Percentiles {
  const sorted = values.filter((value): value is number => value !== undefined).sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return { count: sorted.length, p50: rank(50), p99: rank(99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

export interface Line {
  figure: string;
  measured: string;
  target: string;
  /** undefined for figures given for information only. */
  isPass?: boolean;
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;
export const latency = (p: Percentiles) =>
  p.count === 0 ? 'none (n=0)' : `p50 ${ms(p.p50)}, p99 ${ms(p.p99)} (max ${ms(p.max)}, n=${p.count})`;

/** Failures counted once per call, with the most frequent reasons first. */
export function failureSummary(
  calls: CallRecord[],
  ticketProblems: Array<{ channelId: string; problem: string }>,
): { failed: number; reasons: string[] } {
  const reasons = new Map<string, string>();
  for (const call of calls) if (!call.isOk) reasons.set(call.channelId, call.failure ?? 'failed');
  for (const { channelId, problem } of ticketProblems) {
    if (!reasons.has(channelId)) reasons.set(channelId, `ticket: ${problem}`);
  }
  const counts = new Map<string, number>();
  for (const reason of reasons.values()) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return {
    failed: reasons.size,
    reasons: [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => `${count} × ${reason}`),
  };
}

/**
 * The most common path from the last digit to the create, with the median time at which each of its
 * steps reached the emulator: where the latency goes.
 */
export function typicalPath(calls: CallRecord[]): string {
  const paths = new Map<string, CallRecord[]>();
  for (const call of calls) {
    if (!call.steps) continue;
    const key = call.steps.map((step) => step.what).join(' → ');
    paths.set(key, [...(paths.get(key) ?? []), call]);
  }
  const [path, members] = [...paths.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
  if (members.length === 0) return 'no path recorded';
  const medians = path
    .split(' → ')
    .map(
      (what, index) =>
        `${what} @${percentiles(members.map((call) => call.steps?.[index]?.atMs)).p50.toFixed(2)}`,
    );
  return `${['digit @0', ...medians].join(' → ')} ms (medians, ${members.length} of ${calls.length} calls took this path)`;
}

export function leftoverCount(load: LoadResult): number {
  return Object.values(load.leftovers).reduce((sum, items: string[]) => sum + items.length, 0);
}

export function renderTable(lines: Line[]): string {
  const rows = lines.map((line) => [
    line.figure,
    line.measured,
    line.target,
    line.isPass === undefined ? 'info' : line.isPass ? 'PASS' : 'FAIL',
  ]);
  const header = ['figure', 'measured', 'target', 'result'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const render = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [render(header), rule, ...rows.map(render)].join('\n');
}

/** The hangup causes a failed official leg ends with (Q.850), and the end the IVR must note for each. */
const RESULT_OF_CAUSE: Record<number, string> = {
  17: 'busy',
  21: 'rejected',
  20: 'unavailable',
  19: 'no-answer',
};

/** The `target.result` a leg's end calls for: what the emulator did, seen through its cause. */
function expectedResult(leg: LegRecord): string {
  if (leg.isAnswered) return leg.answerToBridgeMs === undefined ? 'official-hung-up' : 'accepted';
  return RESULT_OF_CAUSE[leg.cause ?? -1] ?? `cause ${leg.cause ?? 'none'}`;
}

/**
 * Each official leg of each call against the call's timeline: the n-th leg to a phone must match
 * the n-th `target.result` noted for that phone. Mismatches are counted by "expected → noted".
 */
export function causeAgreement(
  calls: CallRecord[],
  timelines: Record<string, Array<{ dial: string; result: string }>>,
): { legs: number; matching: number; byExpected: Map<string, number>; mismatches: string[] } {
  let legs = 0;
  let matching = 0;
  const byExpected = new Map<string, number>();
  const mismatches = new Map<string, number>();
  for (const call of calls) {
    const noted = [...(timelines[call.channelId] ?? [])];
    for (const leg of call.legs) {
      const expected = expectedResult(leg);
      byExpected.set(expected, (byExpected.get(expected) ?? 0) + 1);
      const at = noted.findIndex((entry) => entry.dial === leg.endpoint);
      const result = at === -1 ? 'nothing' : (noted.splice(at, 1)[0]?.result ?? 'nothing');
      legs += 1;
      if (result === expected) matching += 1;
      else {
        const key = `${leg.endpoint}: ${expected} → ${result}`;
        mismatches.set(key, (mismatches.get(key) ?? 0) + 1);
      }
    }
  }
  return {
    legs,
    matching,
    byExpected,
    mismatches: [...mismatches.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([key, count]) => `${count} × ${key}`),
  };
}
