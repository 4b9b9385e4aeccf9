// Past 300 lines on purpose: one class, CallerLoad, whose event handlers share the per-caller state.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AsteriskEmulator, CallHandle, RequestRecord } from '../../test/support/asterisk';
import type { AriEvent } from '../../test/support/asterisk/ari.types';
import type { CallRecord, LegRecord, LoadPlan, LoadResult } from './bench.plan';

interface Caller {
  record: CallRecord;
  handle: CallHandle;
  keysScheduled: boolean;
  lastDigitAtMs?: number;
  createAtMs?: number;
  announcementId?: string;
  announcementStartMs?: number;
  isBridged: boolean;
  heardSurvey: boolean;
  isOver: boolean;
  timers: NodeJS.Timeout[];
  /** Official legs by id, in the order created; the handle comes with the leg's StasisStart. */
  legs: Map<string, { endpoint: string; handle?: CallHandle }>;
}

function legRecord(endpoint: string, handle: CallHandle | undefined): LegRecord {
  return {
    endpoint,
    ...(handle?.hangupCause !== undefined && { cause: handle.hangupCause }),
    isAnswered: handle?.answeredAtMs !== undefined,
    ...(handle?.silenceBeforeBridgeMs !== undefined && { answerToBridgeMs: handle.silenceBeforeBridgeMs }),
  };
}

const TICK_MS = 5;
const SAMPLE_MS = 50;
const LAG_RESOLUTION_MS = 10;
const CHANNEL_PATH = /^\/ari\/channels\/([^/]+)(?:\/([A-Za-z]+))?$/;

const randomMobile = () => `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

function targetChannel(event: AriEvent): string | undefined {
  const playback = event.playback as { target_uri?: string } | undefined;
  if (playback?.target_uri?.startsWith('channel:')) return playback.target_uri.slice('channel:'.length);
  return (event.channel as { id?: string } | undefined)?.id;
}

/**
 * Citizens calling at a steady rate, each one driven by the events the emulator raises for its
 * channel (never by polling), with every timestamp taken here, in the emulator's process: the key
 * is "sent" when the DTMF event has been handed to the websocket, the originate "arrives" when its
 * request's headers are parsed.
 *
 * One class past 300 lines on purpose: every handler reads and writes the same per-caller state,
 * and splitting it would pass that state around for no reader's benefit.
 */
export class CallerLoad {
  private readonly callers = new Map<string, Caller>();
  /** Official leg id → the call it was created for. */
  private readonly legOwners = new Map<string, Caller>();
  private live = 0;

  constructor(
    private readonly emulator: AsteriskEmulator,
    private readonly plan: LoadPlan,
  ) {}

  async run(progress: (text: string) => void): Promise<LoadResult> {
    const { plan } = this;
    for (const phone of plan.phones) this.emulator.endpoint(phone.endpoint, phone.behaviour);
    const untapEvents = this.emulator.onEvent((event) => this.onEvent(event));
    const untapRequests = this.emulator.onRequest((request) => this.onRequest(request));
    const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
    lag.enable();
    try {
      const phases = await this.placeCalls(progress);
      await this.drain(progress);
      const leftovers = await this.emulator.settle(5000);
      const inSustain = [...this.callers.values()].filter(
        (caller) =>
          caller.record.placedAtMs >= phases.sustainStartMs &&
          caller.record.placedAtMs < phases.sustainStartMs + phases.sustainMs,
      ).length;
      return {
        calls: [...this.callers.values()].map((caller) => ({
          ...caller.record,
          legs: [...caller.legs.values()].map((leg) => legRecord(leg.endpoint, leg.handle)),
        })),
        heldDuringSustain: phases.heldMin,
        heldPeak: phases.heldPeak,
        rampMs: phases.rampMs,
        sustainMs: phases.sustainMs,
        placedPerSecond: inSustain / (phases.sustainMs / 1000),
        // The histogram records the time between its timer's runs: the resolution is not lag.
        emulatorLoopLagP99Ms: Math.max(0, lag.percentile(99) / 1e6 - LAG_RESOLUTION_MS),
        leftovers,
      };
    } finally {
      lag.disable();
      untapEvents();
      untapRequests();
    }
  }

  /** Places calls on a fixed schedule (no drift): ramp until enough are live, then the sustained phase. */
  private placeCalls(progress: (text: string) => void) {
    const { plan } = this;
    const startMs = performance.now();
    let placed = 0;
    let sustainStartMs: number | undefined;
    let heldMin = Number.POSITIVE_INFINITY;
    let heldPeak = 0;
    let lastNoteMs = startMs;
    return new Promise<{
      rampMs: number;
      sustainMs: number;
      sustainStartMs: number;
      heldMin: number;
      heldPeak: number;
    }>((resolve) => {
      const sampler = setInterval(() => {
        heldPeak = Math.max(heldPeak, this.live);
        if (sustainStartMs !== undefined) heldMin = Math.min(heldMin, this.live);
      }, SAMPLE_MS);
      const ticker = setInterval(() => {
        const now = performance.now();
        if (
          sustainStartMs === undefined &&
          (this.live >= plan.targetHeld || now - startMs >= plan.rampLimitMs)
        ) {
          sustainStartMs = now;
          progress(
            `${plan.kind}: ramp done in ${((now - startMs) / 1000).toFixed(1)} s with ${this.live} live calls`,
          );
        }
        if (sustainStartMs !== undefined && now - sustainStartMs >= plan.sustainMs) {
          clearInterval(ticker);
          clearInterval(sampler);
          resolve({
            rampMs: sustainStartMs - startMs,
            sustainMs: now - sustainStartMs,
            sustainStartMs,
            heldMin: Number.isFinite(heldMin) ? heldMin : 0,
            heldPeak,
          });
          return;
        }
        const due = Math.floor(((now - startMs) * plan.callsPerSecond) / 1000) + 1;
        while (placed < due) {
          this.placeOne(placed);
          placed += 1;
        }
        if (now - lastNoteMs >= 5000) {
          lastNoteMs = now;
          progress(
            `${plan.kind}: t=${((now - startMs) / 1000).toFixed(0)} s, ${placed} placed, ${this.live} live`,
          );
        }
      }, TICK_MS);
    });
  }

  private placeOne(index: number): void {
    const code = this.plan.codes[index % this.plan.codes.length] as string;
    const placedAtMs = performance.now();
    // placeCall does its work synchronously; the promise only wraps the handle.
    void this.emulator
      .placeCall({ from: randomMobile(), to: '0889009412', app: this.plan.app })
      .then((handle) => {
        const caller: Caller = {
          record: { channelId: handle.id, code, placedAtMs, isOk: false, legs: [] },
          handle,
          keysScheduled: false,
          isBridged: false,
          heardSurvey: false,
          isOver: false,
          timers: [],
          legs: new Map(),
        };
        this.callers.set(handle.id, caller);
        this.live += 1;
        this.after(caller, this.plan.callDeadlineMs, () =>
          this.end(caller, `not over after ${this.plan.callDeadlineMs} ms`),
        );
      });
  }

  private async drain(progress: (text: string) => void): Promise<void> {
    progress(`${this.plan.kind}: placing stopped; waiting for ${this.live} live calls to end`);
    while (this.live > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  private onEvent(event: AriEvent): void {
    if (event.type === 'ChannelEnteredBridge') {
      // The caller enters first; the bridge only holds both once the official's leg follows.
      const inBridge = (event.bridge as { channels?: string[] }).channels ?? [];
      if (inBridge.length < 2) return;
      for (const channelId of inBridge) {
        const caller = this.callers.get(channelId);
        if (caller) caller.isBridged = true;
      }
      return;
    }
    const id = targetChannel(event);
    if (event.type === 'StasisStart' && id !== undefined) this.onLegInApp(id);
    const caller = id === undefined ? undefined : this.callers.get(id);
    if (!caller || caller.isOver) return;
    const now = performance.now();
    const playback = event.playback as { id: string; media_uri: string } | undefined;
    switch (event.type) {
      case 'ChannelStateChange':
        if (this.plan.kind === 'bare' && (event.channel as { state: string }).state === 'Up')
          this.pressCode(caller);
        break;
      case 'PlaybackFinished':
        if (this.plan.kind === 'ivr' && playback?.media_uri.endsWith('/menu')) this.pressCode(caller);
        if (playback?.id === caller.announcementId && caller.announcementStartMs !== undefined) {
          caller.record.announcementMs = now - caller.announcementStartMs;
          this.step(caller, 'PlaybackFinished sent', now);
        }
        break;
      case 'PlaybackStarted':
        if (playback?.media_uri.endsWith('/survey') && !caller.heardSurvey) {
          caller.heardSurvey = true;
          this.after(caller, this.plan.surveyListenMs, () => this.end(caller));
        }
        break;
      case 'ChannelHangupRequest':
      case 'ChannelDestroyed':
        this.end(caller, `the app hung up on the caller (${this.stageOf(caller)})`);
        break;
    }
  }

  private onRequest(request: RequestRecord): void {
    if (request.method !== 'POST') return;
    if (request.path === '/ari/channels/create') {
      const caller = this.callers.get(String(request.query.originator ?? ''));
      if (!caller) return;
      const legId = String(request.query.channelId ?? '');
      caller.legs.set(legId, { endpoint: String(request.query.endpoint ?? '') });
      this.legOwners.set(legId, caller);
      if (caller.createAtMs !== undefined) return;
      caller.createAtMs = request.receivedAtMs;
      if (caller.lastDigitAtMs !== undefined) {
        caller.record.digitToCreateMs = request.receivedAtMs - caller.lastDigitAtMs;
        this.step(caller, 'create', request.receivedAtMs);
        caller.record.digitToFirstRequestMs ??= caller.record.digitToCreateMs;
      }
      if (this.plan.kind === 'bare') {
        const { answerAfterMs, talkMs, surveyListenMs } = this.plan;
        this.after(caller, answerAfterMs + talkMs + surveyListenMs, () => this.end(caller));
      }
      return;
    }
    const match = CHANNEL_PATH.exec(request.path);
    const caller = match ? this.callers.get(match[1] as string) : undefined;
    if (!caller) return;
    const operation = match?.[2];
    if (operation === 'answer')
      caller.record.placedToAnswerMs ??= request.receivedAtMs - caller.record.placedAtMs;
    if (caller.lastDigitAtMs === undefined || caller.createAtMs !== undefined) return;
    caller.record.digitToFirstRequestMs ??= request.receivedAtMs - caller.lastDigitAtMs;
    this.step(caller, operation ?? 'channel', request.receivedAtMs);
    if (operation === 'play' && caller.announcementId === undefined) {
      caller.announcementId = String(request.query.playbackId ?? '');
      caller.announcementStartMs = request.receivedAtMs;
    }
  }

  /** Keeps the emulator's handle of an official's leg: its answer, bridge and cause are read at the end. */
  private onLegInApp(legId: string): void {
    const leg = this.legOwners.get(legId)?.legs.get(legId);
    if (!leg || leg.handle) return;
    const handle = this.emulator.channel(legId);
    if (handle) leg.handle = handle;
    this.legOwners.delete(legId);
  }

  private step(caller: Caller, what: string, atMs: number): void {
    if (caller.lastDigitAtMs === undefined) return;
    caller.record.steps ??= [];
    caller.record.steps.push({ what, atMs: atMs - caller.lastDigitAtMs });
  }

  private pressCode(caller: Caller): void {
    if (caller.keysScheduled) return;
    caller.keysScheduled = true;
    const [first = '', ...rest] = caller.record.code;
    this.after(caller, this.plan.thinkMs, () => {
      void caller.handle.press(first);
      this.after(caller, this.plan.digitGapMs, () => {
        void caller.handle.press(rest.join(''));
        caller.lastDigitAtMs = performance.now();
      });
    });
  }

  /** The caller hangs up: the call is over, a success only if it went the whole expected way. */
  private end(caller: Caller, failure?: string): void {
    if (caller.isOver) return;
    caller.isOver = true;
    this.live -= 1;
    for (const timer of caller.timers) clearTimeout(timer);
    const expected =
      this.plan.kind === 'ivr'
        ? caller.createAtMs !== undefined && caller.isBridged && caller.heardSurvey
        : caller.createAtMs !== undefined;
    caller.record.isOk = failure === undefined && expected;
    if (!caller.record.isOk) caller.record.failure = failure ?? `ended early (${this.stageOf(caller)})`;
    if (caller.handle.isAlive) caller.handle.hangup();
  }

  private stageOf(caller: Caller): string {
    const reached = [
      caller.record.placedToAnswerMs !== undefined && 'answered',
      caller.lastDigitAtMs !== undefined && 'code pressed',
      caller.createAtMs !== undefined && 'leg created',
      caller.isBridged && 'bridged',
      caller.heardSurvey && 'survey',
    ].filter(Boolean);
    return `reached: ${reached.join(', ') || 'nothing'}`;
  }

  private after(caller: Caller, delayMs: number, action: () => void): void {
    caller.timers.push(setTimeout(action, delayMs));
  }
}
