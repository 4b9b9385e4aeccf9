// Past 300 lines on purpose: the one facade a test drives the ARI emulator through, a short method
// per thing a test asks (place a call, make an endpoint busy, read what was dialled); what they do
// lives in pbx.ts, call.handle.ts, event-bus.ts and http.server.ts.
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { AriEvent } from './ari.types';
import type { EndpointBehaviour } from './behaviours';
import { CallHandle, waitUntil } from './call.handle';
import type { DialRecord } from './dialer';
import { type ClosedSocket, EventBus, type EventSocketRecord } from './event-bus';
import { listen, type RequestRecord } from './http.server';
import { Pbx } from './pbx';
import { wavBytes, wavDurationMs } from './wav';

export interface EmulatorOptions {
  username: string;
  password: string;
  /** Stasis app inbound calls are sent to. */
  app?: string;
  /** How long each media URI plays (default 40 ms, so tests stay fast). */
  playbackMs?: (mediaUri: string) => number;
  /**
   * Take `sound:PREFIXNAME` durations from `dir/NAME.wav` (prefix default ''), e.g.
   * `{ dir: 'ivr/sounds/vi', prefix: 'hotline/vi/' }`; with `strict`, a missing file fails the playback.
   */
  sounds?: { dir: string; prefix?: string; strict?: boolean };
  /**
   * Real ms per ms of a sound file's length (default 1: a prompt plays as long as on Asterisk).
   * 0.05 plays the 9.7 s menu in about 480 ms. Must be greater than 0.
   */
  timeScale?: number;
  /** Real ms per Asterisk second for dial timeouts and recording limits (default 1000). */
  msPerSecond?: number;
  /**
   * How long a leg made by POST /channels/create takes to enter the app (its StasisStart); until
   * then commands on it answer 409 "Channel not in Stasis application" (default 3 ms; 0 raises
   * StasisStart before the HTTP response).
   */
  createToStasisMs?: number;
  /**
   * Send ApplicationReplaced to the older websocket when a newer one takes its app over, as
   * Asterisk before 22.10.1 did (default false: 22.10.1 sends nothing).
   */
  sendsApplicationReplaced?: boolean;
  /**
   * Keep every event, request and channel for the inspection helpers (default true). A load run
   * turns it off so memory stays flat; `calls()`, `legs()`, `events()`, `requests()` then stay empty.
   */
  keepHistory?: boolean;
  /**
   * HTTP sessions Asterisk serves at once (http.conf `sessionlimit`, default 100): every REST
   * connection kept alive and every event websocket holds one; a connection beyond is closed unanswered.
   */
  httpSessionLimit?: number;
}

interface HeldRequest {
  method: string;
  path: RegExp;
  /** Carried out after this long instead of never. */
  lateByMs?: number;
}

export interface PlaceCallOptions {
  from: string;
  to: string;
  args?: string[];
  callerName?: string;
  /** Stasis app the dialplan sends this call to (default: the emulator's `app`). */
  app?: string;
}

export interface Leftovers {
  channels: string[];
  bridges: string[];
  playbacks: string[];
  liveRecordings: string[];
}

/**
 * An Asterisk that speaks ARI on 127.0.0.1, driven by tests through this class. It behaves as
 * Asterisk 22.10.1 was seen to (README.md lists each fact): prompts last their sound's length
 * (`sounds`, `timeScale`), a created leg enters the app a few ms after the create, a /dial leg
 * fails by hanging up with its cause, the older of two app websockets is silently bypassed,
 * channels stay in the app when its websocket drops.
 */
export class AsteriskEmulator {
  private readonly inbound: CallHandle[] = [];

  private constructor(
    readonly url: string,
    readonly app: string,
    private readonly pbx: Pbx,
    private readonly server: Server,
    private readonly requestLog: RequestRecord[],
    private readonly requestTaps: Set<(record: RequestRecord) => void>,
    private readonly held: HeldRequest[],
    private readonly sessionsRefused: { count: number },
  ) {}

  static async start(options: EmulatorOptions): Promise<AsteriskEmulator> {
    const asteriskId = 'fa:ke:00:00:00:01';
    let pbx: Pbx | undefined;
    const bus = new EventBus(asteriskId, options.sendsApplicationReplaced ?? false, () => pbx?.changed());
    const playbackMs = soundDurations(options, validTimeScale(options.timeScale));
    const keepsHistory = options.keepHistory ?? true;
    pbx = new Pbx(
      {
        asteriskId,
        playbackMs,
        msPerSecond: options.msPerSecond ?? 1000,
        createToStasisMs: options.createToStasisMs ?? 3,
        keepsHistory,
      },
      bus,
    );
    if (options.sounds?.strict)
      pbx.playbacks.isSoundMissing = (uri) => !existsSync(soundFile(options.sounds ?? { dir: '' }, uri));
    const requests: RequestRecord[] = [];
    const requestTaps = new Set<(record: RequestRecord) => void>();
    const held: HeldRequest[] = [];
    const sessionsRefused = { count: 0 };
    const { server, url } = await listen({
      username: options.username,
      password: options.password,
      pbx,
      bus,
      requests,
      keepsHistory,
      heldFor: (record) => {
        const rule = held.find(({ method, path }) => method === record.method && path.test(record.path));
        return rule === undefined ? undefined : (rule.lateByMs ?? 'forever');
      },
      onRequest: (record) => {
        for (const tap of requestTaps) tap(record);
      },
      sessionLimit: options.httpSessionLimit ?? 100,
      onSessionRefused: () => {
        sessionsRefused.count += 1;
      },
    });
    return new AsteriskEmulator(
      url,
      options.app ?? 'hotline',
      pbx,
      server,
      requests,
      requestTaps,
      held,
      sessionsRefused,
    );
  }

  async stop(): Promise<void> {
    this.endEverything();
    this.pbx.bus.closeAll();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  endpoint(endpoint: string, behaviour: EndpointBehaviour): this {
    this.pbx.dialer.behaviours.set(endpoint, behaviour);
    return this;
  }

  /** A citizen's call reaching `Stasis(app,args...)`; without a connected app, STASISSTATUS=FAILED. */
  async placeCall(options: PlaceCallOptions): Promise<CallHandle> {
    const args = options.args ?? [];
    const app = options.app ?? this.app;
    const channel = this.pbx.newChannel({
      endpoint: 'PJSIP/trunk',
      origin: 'inbound',
      state: 'Ring',
      caller: { name: options.callerName ?? '', number: options.from },
      context: 'from-trunk',
      exten: options.to,
      appData: [app, ...args].join(','),
    });
    const call = new CallHandle(this.pbx, channel);
    if (this.pbx.options.keepsHistory) this.inbound.push(call);
    if (this.pbx.bus.isServing(app)) this.pbx.enterStasis(channel, app, args);
    else {
      channel.stasisFailed = true;
      channel.vars.set('STASISSTATUS', 'FAILED');
    }
    return call;
  }

  /** Inbound calls placed so far. */
  calls(): CallHandle[] {
    return [...this.inbound];
  }

  /** Outbound legs the app created, optionally only those to one endpoint, oldest first. */
  legs(endpoint?: string): CallHandle[] {
    return this.legHandles.filter((leg) => endpoint === undefined || leg.endpoint === endpoint);
  }

  /**
   * A hold on a live channel by id. With `keepHistory` off it is the way to keep a leg's facts
   * (answeredAtMs, bridgedAtMs, hangupCause), which stay readable on the handle after it ends.
   */
  channel(channelId: string): CallHandle | undefined {
    const channel = this.pbx.channels.get(channelId);
    return channel && new CallHandle(this.pbx, channel);
  }

  async waitForLeg(endpoint: string, timeoutMs = 2000): Promise<CallHandle> {
    await waitUntil(this.pbx, () => this.legs(endpoint).length > 0, `a channel to ${endpoint}`, timeoutMs);
    return this.legs(endpoint)[0] as CallHandle;
  }

  dialed(): DialRecord[] {
    return this.pbx.dialer.records.map((record) => ({ ...record }));
  }

  requests(): RequestRecord[] {
    return [...this.requestLog];
  }

  /** Requests matching `method` and `path` (e.g. /\/dial$/) are never answered, until `reset()`. */
  leaveUnanswered(method: string, path: RegExp): this {
    this.held.push({ method, path });
    return this;
  }

  /**
   * Requests matching `method` and `path` are carried out and answered `lateByMs` after they
   * arrive, as by an Asterisk whose queues are long: the caller may hang up in between.
   */
  answerLate(method: string, path: RegExp, lateByMs: number): this {
    this.held.push({ method, path, lateByMs });
    return this;
  }

  /** Connections closed unanswered because `httpSessionLimit` sessions were open (Asterisk's "HTTP session count exceeded"). */
  get refusedSessions(): number {
    return this.sessionsRefused.count;
  }

  /** Calls `listener` with every ARI request (not api-docs) as it arrives; returns the unsubscribe. */
  onRequest(listener: (record: RequestRecord) => void): () => void {
    this.requestTaps.add(listener);
    return () => this.requestTaps.delete(listener);
  }

  /** Calls `listener` with every event Asterisk raises, and the apps it is addressed to. */
  onEvent(listener: (event: AriEvent, apps: string[]) => void): () => void {
    this.pbx.taps.add(listener);
    return () => this.pbx.taps.delete(listener);
  }

  /** Events addressed to an app, in order (also those lost while no websocket was up). */
  events(type?: string): AriEvent[] {
    return this.pbx.events
      .filter(({ apps }) => apps.length > 0)
      .map(({ event }) => event)
      .filter((event) => type === undefined || event.type === type);
  }

  /**
   * Sends an app's websocket an event as it is written, bypassing the model: what a faulty proxy or
   * a newer Asterisk with changed fields could send, for the app's edge to refuse.
   */
  sendRawEvent(event: Record<string, unknown>, app = this.app): void {
    this.pbx.bus.deliver(event as unknown as AriEvent, [app]);
  }

  /** Every app websocket that closed, oldest first, with its close code (1006: dropped without a close frame). */
  closedSockets(): ClosedSocket[] {
    return this.pbx.bus.history.flatMap(({ apps, closeCode }) =>
      closeCode === undefined ? [] : apps.map((app) => ({ app, code: closeCode })),
    );
  }

  isServing(app = this.app): boolean {
    return this.pbx.bus.isServing(app);
  }

  /** Every event websocket so far (oldest first), with the close code of those that ended. */
  eventSockets(): EventSocketRecord[] {
    return this.pbx.bus.history.map((record) => ({ ...record }));
  }

  waitForApp(app = this.app, timeoutMs = 2000): Promise<void> {
    return waitUntil(this.pbx, () => this.isServing(app), `app ${app} to connect its websocket`, timeoutMs);
  }

  /**
   * Kill every event websocket abruptly; channels stay in Stasis and bridges keep talking. With
   * `refuseForMs`, new event sockets are refused (503) that long, like a network outage.
   */
  dropWebsocket(options: { refuseForMs?: number } = {}): void {
    this.pbx.bus.dropAll(options.refuseForMs ?? 0);
  }

  soundMissing(mediaUri: string): this {
    this.pbx.playbacks.missingSounds.add(mediaUri);
    return this;
  }

  storeRecording(name: string, durationMs = 1000, format = 'wav'): this {
    this.pbx.recordings.store(name, format, wavBytes(durationMs));
    return this;
  }

  storedRecording(name: string): Buffer | undefined {
    return this.pbx.recordings.stored.get(name)?.bytes;
  }

  /** What the app left behind: channels in Stasis or created by it, bridges, playbacks, live recordings. */
  leftovers(): Leftovers {
    const channels = [...this.pbx.channels.values()].filter(
      (c) => c.app !== undefined || c.origin !== 'inbound',
    );
    return {
      channels: channels.map((c) => `${c.id} ${c.name} ${c.state}${c.app ? ` in ${c.app}` : ''}`),
      bridges: [...this.pbx.bridges.byId.values()].map((b) => `${b.id} [${b.channels.join(', ')}]`),
      playbacks: [...this.pbx.playbacks.byId.values()].map(
        (p) => `${p.id} ${p.media} on ${p.targetUri} ${p.state}`,
      ),
      liveRecordings: [...this.pbx.recordings.live.keys()],
    };
  }

  /** Waits up to `graceMs` for the app to finish cleaning up, then returns what is still left. */
  async settle(graceMs = 500): Promise<Leftovers> {
    await waitUntil(this.pbx, () => isClean(this.leftovers()), 'cleanup', graceMs).catch(() => undefined);
    return this.leftovers();
  }

  assertClean(): void {
    const left = this.leftovers();
    if (isClean(left)) return;
    const lines = Object.entries(left)
      .filter(([, items]) => items.length > 0)
      .map(([kind, items]) => `  ${kind}: ${items.join('; ')}`);
    throw new Error(`The app left resources behind on Asterisk:\n${lines.join('\n')}`);
  }

  /** Back to a blank Asterisk between tests (apps stay connected). */
  reset(): void {
    this.endEverything();
    this.pbx.dialer.behaviours.clear();
    this.pbx.dialer.records.length = 0;
    this.pbx.events.length = 0;
    this.pbx.history.length = 0;
    this.pbx.playbacks.missingSounds.clear();
    this.pbx.bus.history.length = 0;
    this.pbx.recordings.stored.clear();
    this.requestLog.length = 0;
    this.held.length = 0;
    this.inbound.length = 0;
    this.sessionsRefused.count = 0;
  }

  /** Hangs up every channel and destroys every bridge, which clears every timer the emulator runs. */
  private endEverything(): void {
    for (const channel of [...this.pbx.channels.values()]) this.pbx.hangup(channel, 16, 'remote');
    for (const bridge of [...this.pbx.bridges.byId.values()]) this.pbx.bridges.destroy(bridge);
  }

  private get legHandles(): CallHandle[] {
    return this.pbx.outboundChannels.map((channel) => new CallHandle(this.pbx, channel));
  }
}

function isClean(left: Leftovers): boolean {
  return Object.values(left).every((items: string[]) => items.length === 0);
}

function validTimeScale(timeScale = 1): number {
  if (!(timeScale > 0) || !Number.isFinite(timeScale))
    throw new Error(
      `timeScale must be a number greater than 0 (got ${timeScale}): it multiplies sound lengths`,
    );
  return timeScale;
}

function soundFile(sounds: { dir: string; prefix?: string }, mediaUri: string): string {
  const name = mediaUri.replace(/^sound:/, '');
  const prefix = sounds.prefix ?? '';
  return join(sounds.dir, `${name.startsWith(prefix) ? name.slice(prefix.length) : name}.wav`);
}

function soundDurations(options: EmulatorOptions, timeScale: number): (mediaUri: string) => number {
  const fallback = options.playbackMs ?? (() => 40);
  const sounds = options.sounds;
  if (!sounds?.dir) return fallback;
  const cache = new Map<string, number | undefined>();
  return (uri) => {
    if (!uri.startsWith('sound:')) return fallback(uri);
    if (!cache.has(uri)) {
      const file = soundFile(sounds, uri);
      const lengthMs = existsSync(file) ? wavDurationMs(readFileSync(file)) : undefined;
      cache.set(uri, lengthMs === undefined ? undefined : lengthMs * timeScale);
    }
    return cache.get(uri) ?? fallback(uri);
  };
}
