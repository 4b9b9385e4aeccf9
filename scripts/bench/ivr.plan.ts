import path from 'node:path';
import { parseArgs } from 'node:util';
import { answers, busy, type EndpointBehaviour, rejects, unreachable } from '../../test/support/asterisk';
import {
  BENCH_CODES,
  benchEndpoint,
  benchPhones,
  type OfficialPhone,
  OPERATOR_ENDPOINT,
} from './bench.organisation';
import type { LoadKind, LoadPlan } from './bench.plan';

// The IVR benchmark's flags, parsed once, and the load plan each run hands the callers.

const HINTS: Record<string, string> = {
  rate: ': new calls per second, or a comma-separated list of rates run one after the other',
  'time-scale': ": it multiplies each prompt's real length (0.05 plays the 9.7 s menu in 485 ms)",
};

export function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      rate: { type: 'string', default: '20,50' },
      held: { type: 'string', default: '500' },
      'sustain-s': { type: 'string', default: '30' },
      'time-scale': { type: 'string', default: '0.05' },
      'no-recording': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      dump: { type: 'string' },
    },
  });
  const positive = (name: string, raw: string) => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || value <= 0)
      throw new Error(`--${name} must be a number greater than 0 (got "${raw}")${HINTS[name] ?? ''}`);
    return value;
  };
  const rates = values.rate.split(',').map((raw) => positive('rate', raw));
  const timeScale = positive('time-scale', values['time-scale']);
  const sustainS = positive('sustain-s', values['sustain-s']);
  if (sustainS > 60) throw new Error(`--sustain-s must be at most 60 (got "${values['sustain-s']}")`);
  return {
    rates,
    held: positive('held', values.held),
    sustainMs: sustainS * 1000,
    timeScale,
    recordCalls: !values['no-recording'],
    cpuProfDir: values['cpu-prof'] ? path.resolve(values['cpu-prof']) : undefined,
    dumpFile: values.dump ? path.resolve(values.dump) : undefined,
  };
}

export type Options = ReturnType<typeof parseOptions>;

/** One run's options: the shared ones and the rate of new calls. */
export type RunOptions = Omit<Options, 'rates'> & { callsPerSecond: number };

/** After its ring, a busy phone answers 486 at once and a declining official takes about a second. */
const BUSY_AFTER_MS = 100;
const REJECT_AFTER_MS = 1000;

function behaviourOf(
  phone: OfficialPhone,
  plan: { answerAfterMs: number; talkMs: number },
): EndpointBehaviour {
  switch (phone) {
    case 'answers':
      return answers({ afterMs: plan.answerAfterMs, hangsUpAfterMs: plan.talkMs });
    case 'busy':
      return busy(BUSY_AFTER_MS);
    case 'rejects':
      return rejects(REJECT_AFTER_MS);
    case 'unreachable':
      return unreachable();
  }
}

/**
 * Calls last long enough that `held` of them are live at `callsPerSecond` new ones a second. The
 * IVR rings each unit's phones as the bench organisation lists them (some busy, rejecting or
 * unreachable, then one answering or the operator); the bare script rings one answering phone.
 */
export function planFor(kind: LoadKind, options: RunOptions): LoadPlan {
  const talkMs = Math.ceil(options.held / options.callsPerSecond) * 1000;
  const timing = { answerAfterMs: 200, talkMs };
  const phones: Array<{ endpoint: string; phone: OfficialPhone }> =
    kind === 'ivr'
      ? [...BENCH_CODES.flatMap(benchPhones), { endpoint: OPERATOR_ENDPOINT, phone: 'answers' }]
      : BENCH_CODES.map((code) => ({ endpoint: benchEndpoint(code), phone: 'answers' }));
  return {
    kind,
    app: kind === 'ivr' ? 'hotline' : 'bare',
    callsPerSecond: options.callsPerSecond,
    targetHeld: options.held,
    rampLimitMs: 2 * talkMs + 5000,
    sustainMs: options.sustainMs,
    codes: BENCH_CODES,
    phones: phones.map(({ endpoint, phone }) => ({ endpoint, behaviour: behaviourOf(phone, timing) })),
    thinkMs: 300,
    digitGapMs: 150,
    ...timing,
    surveyListenMs: 300,
    callDeadlineMs: talkMs + 20_000,
  };
}
