import type { AriEvent, ChannelState } from './ari.types';
import type { Channel, HeardMedia } from './channel.model';
import type { Pbx } from './pbx';

export interface WaitOptions {
  timeoutMs?: number;
}

const defaultTimeoutMs = 2000;

/** A test's hold on one channel: the citizen's inbound call or an outbound leg the app made. */
export class CallHandle {
  constructor(
    private readonly pbx: Pbx,
    private readonly channel: Channel,
  ) {}

  get id(): string {
    return this.channel.id;
  }

  get endpoint(): string {
    return this.channel.endpoint;
  }

  /** 'Hungup' once the channel is destroyed. */
  get state(): ChannelState | 'Hungup' {
    return this.channel.isAlive ? this.channel.state : 'Hungup';
  }

  get isAlive(): boolean {
    return this.channel.isAlive;
  }

  /** Hangup cause when destroyed (16 normal clearing, 17 busy...). */
  get hangupCause(): number | undefined {
    return this.channel.destroyCause;
  }

  /** performance.now() when the channel went Up (an official answering), if it did. */
  get answeredAtMs(): number | undefined {
    return this.channel.answeredAtMs;
  }

  /** performance.now() when the channel first entered a bridge, if it did. */
  get bridgedAtMs(): number | undefined {
    return this.channel.bridgedAtMs;
  }

  /**
   * How long an answered leg was Up before it first entered a bridge: the silence an official
   * hears after answering (undefined until both happened; 0 when bridged before answering).
   */
  get silenceBeforeBridgeMs(): number | undefined {
    const { answeredAtMs, bridgedAtMs } = this.channel;
    if (answeredAtMs === undefined || bridgedAtMs === undefined) return undefined;
    return Math.max(0, bridgedAtMs - answeredAtMs);
  }

  /** No websocket served the app: Stasis() returned STASISSTATUS=FAILED and the dialplan took over. */
  get stasisFailed(): boolean {
    return this.channel.stasisFailed;
  }

  get isInStasis(): boolean {
    return this.channel.app !== undefined;
  }

  get continuedInDialplan(): boolean {
    return this.channel.continuedInDialplan;
  }

  /** Where the app continued the channel in the dialplan (context, extension, priority). */
  get continuedTo(): { context: string; extension: string; priority: number } | undefined {
    return this.channel.continuedTo && { ...this.channel.continuedTo };
  }

  get isHearingRingback(): boolean {
    return this.channel.isRinging;
  }

  get isOnHold(): boolean {
    return this.channel.isOnHold;
  }

  variable(name: string): string | undefined {
    return this.channel.vars.get(name);
  }

  /** Media played to this channel, in order, with how each ended. */
  heard(): HeardMedia[] {
    return this.channel.heard.map((entry) => ({ ...entry }));
  }

  isBridgedWith(endpoint: string): boolean {
    const bridge = this.channel.bridgeId ? this.pbx.bridges.byId.get(this.channel.bridgeId) : undefined;
    return (bridge?.channels ?? []).some(
      (id) => id !== this.channel.id && this.pbx.channels.get(id)?.endpoint === endpoint,
    );
  }

  /** Press keys one by one (one ChannelDtmfReceived each); resolves after the last key. */
  async press(keys: string, options: { gapMs?: number; durationMs?: number } = {}): Promise<void> {
    const gapMs = options.gapMs ?? 30;
    for (const [index, key] of [...keys].entries()) {
      if (index > 0) await delay(gapMs);
      this.pbx.pressKey(this.channel, key, options.durationMs ?? 120);
    }
  }

  /** The far end hangs up (a BYE): ChannelHangupRequest then teardown with cause 16. */
  hangup(): void {
    this.pbx.hangup(this.channel, 16, 'remote');
  }

  /** The caller stops talking, so a recording's maxSilenceSeconds can end it. */
  fallSilent(): void {
    this.channel.isTalking = false;
    this.pbx.recordings.onSilence(this.channel);
  }

  /** Events about this channel addressed to an app (sent, or lost while no websocket was up). */
  events(type?: string): AriEvent[] {
    return this.pbx.events
      .filter(({ apps }) => apps.length > 0)
      .map(({ event }) => event)
      .filter((event) => concerns(event, this.channel.id) && (type === undefined || event.type === type));
  }

  async waitFor(type: string, options: WaitOptions = {}): Promise<AriEvent> {
    await this.until(() => this.events(type).length > 0, `a ${type} event on ${this.describe()}`, options);
    return this.events(type)[0] as AriEvent;
  }

  async waitForPlayback(media: string, options: WaitOptions = {}): Promise<HeardMedia> {
    const find = () => this.channel.heard.find((entry) => entry.media === media);
    await this.until(() => find() !== undefined, `playback of ${media} to ${this.describe()}`, options);
    return { ...(find() as HeardMedia) };
  }

  waitForState(state: ChannelState | 'Hungup', options: WaitOptions = {}): Promise<void> {
    return this.until(() => this.state === state, `${this.describe()} to reach state ${state}`, options);
  }

  waitForHangup(options: WaitOptions = {}): Promise<void> {
    return this.waitForState('Hungup', options);
  }

  until(predicate: () => boolean, what: string, options: WaitOptions = {}): Promise<void> {
    return waitUntil(this.pbx, predicate, what, options.timeoutMs ?? defaultTimeoutMs, () =>
      this.describe(true),
    );
  }

  describe(withHistory = false): string {
    const base = `${this.channel.name} (${this.channel.id}, ${this.state})`;
    if (!withHistory) return base;
    const heard = this.channel.heard.map((h) => `${h.media}:${h.status}`).join(', ') || 'nothing';
    const events =
      this.events()
        .map((e) => e.type)
        .join(', ') || 'none';
    return `${base}; heard: ${heard}; events: ${events}`;
  }
}

export function waitUntil(
  pbx: Pbx,
  predicate: () => boolean,
  what: string,
  timeoutMs: number,
  context = () => '',
): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!predicate()) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      const detail = context();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${detail ? ` — ${detail}` : ''}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      pbx.changes.off('change', check);
    };
    pbx.changes.on('change', check);
  });
}

function concerns(event: AriEvent, channelId: string): boolean {
  const ids = [event.channel, event.peer, event.caller].map((c) => (c as { id?: string } | undefined)?.id);
  if (ids.includes(channelId)) return true;
  const target = (event.playback ?? event.recording) as { target_uri?: string } | undefined;
  return target?.target_uri === `channel:${channelId}`;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
