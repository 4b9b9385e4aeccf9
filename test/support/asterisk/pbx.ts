import { EventEmitter } from 'node:events';
import {
  AriError,
  type AriEvent,
  asteriskTime,
  ChannelIds,
  type ChannelState,
  hangupCauses,
} from './ari.types';
import { Bridges } from './bridges';
import { Channel, type ChannelInit, channelName } from './channel.model';
import { Dialer } from './dialer';
import type { EventBus } from './event-bus';
import { Playbacks } from './playbacks';
import { Recordings } from './recordings';

export interface PbxOptions {
  asteriskId: string;
  playbackMs: (mediaUri: string) => number;
  /** Real milliseconds per Asterisk second (dial timeouts, recording limits): tests shrink time with it. */
  msPerSecond: number;
  /** How long a channel made by POST /channels/create takes to enter Stasis. */
  createToStasisMs: number;
  /** Keep every event and every channel ever created for inspection (off for long load runs). */
  keepsHistory: boolean;
}

export interface LoggedEvent {
  apps: string[];
  event: AriEvent;
}

/** Who ended a channel, which decides the events Asterisk raises before ChannelDestroyed. */
export type HangupSource = 'ari' | 'remote' | 'dial-failed';

/** The emulated Asterisk core: channels, Stasis membership and the events they raise. */
export class Pbx {
  readonly channels = new Map<string, Channel>();
  /** Every channel ever created, so tests can still inspect legs after they are gone. */
  readonly history: Channel[] = [];
  readonly events: LoggedEvent[] = [];
  /** Fires on every state change so test helpers can wait on predicates without polling. */
  readonly changes = new EventEmitter();
  /** Observers of every published event (a load generator follows calls without scanning `events`). */
  readonly taps = new Set<(event: AriEvent, apps: string[]) => void>();
  readonly playbacks: Playbacks;
  readonly recordings: Recordings;
  readonly bridges: Bridges;
  readonly dialer: Dialer;
  private readonly ids = new ChannelIds();

  constructor(
    readonly options: PbxOptions,
    readonly bus: EventBus,
  ) {
    this.changes.setMaxListeners(0);
    this.playbacks = new Playbacks(this);
    this.recordings = new Recordings(this);
    this.bridges = new Bridges(this);
    this.dialer = new Dialer(this);
  }

  newChannel(init: Omit<ChannelInit, 'id' | 'name'> & { id?: string }): Channel {
    if (init.id && this.channels.has(init.id)) {
      throw new AriError(409, 'Channel with given unique ID already exists');
    }
    const { uniqueid, suffix } = this.ids.next();
    const channel = new Channel({
      ...init,
      id: init.id ?? uniqueid,
      name: channelName(init.endpoint, suffix),
    });
    this.channels.set(channel.id, channel);
    if (this.options.keepsHistory) this.history.push(channel);
    this.changed();
    return channel;
  }

  /** Asterisk's find_control: 404 when the channel does not exist, 409 when it is not in Stasis. */
  control(channelId: string): Channel {
    const channel = this.find(channelId);
    if (!channel.app) throw new AriError(409, 'Channel not in Stasis application');
    return channel;
  }

  find(channelId: string): Channel {
    const channel = this.channels.get(channelId);
    if (!channel) throw new AriError(404, 'Channel not found');
    return channel;
  }

  publish(event: AriEvent, apps: Iterable<string>): void {
    const targets = [...new Set(apps)];
    const stamped = { ...event, timestamp: asteriskTime(), asterisk_id: this.options.asteriskId };
    if (this.options.keepsHistory) this.events.push({ apps: targets, event: stamped });
    this.bus.deliver(stamped, targets);
    for (const tap of this.taps) tap(stamped, targets);
    this.changed();
  }

  publishForChannel(channel: Channel, event: AriEvent): void {
    this.publish({ ...event, channel: channel.json() }, channel.subscribers);
  }

  enterStasis(channel: Channel, app: string, args: string[]): void {
    channel.app = app;
    channel.subscribers.add(app);
    this.publishForChannel(channel, { type: 'StasisStart', args });
  }

  /** StasisEnd; an inbound channel is then unsubscribed, so the app never sees its ChannelDestroyed. */
  leaveStasis(channel: Channel): void {
    if (!channel.app) return;
    this.publishForChannel(channel, { type: 'StasisEnd' });
    channel.app = undefined;
    if (channel.origin === 'inbound') channel.subscribers.clear();
  }

  get outboundChannels(): Channel[] {
    return this.history.filter((channel) => channel.origin !== 'inbound');
  }

  /** Apps that hear about a playback or recording target (`channel:ID` or `bridge:ID`). */
  subscribersOf(targetUri: string): Set<string> {
    const [kind, id = ''] = targetUri.split(':');
    if (kind === 'bridge') return this.bridges.subscribersOf(id);
    return new Set(this.channels.get(id)?.subscribers ?? []);
  }

  setState(channel: Channel, state: ChannelState): void {
    if (channel.state === state) return;
    channel.state = state;
    if (state === 'Up') channel.answeredAtMs ??= performance.now();
    this.publishForChannel(channel, { type: 'ChannelStateChange' });
  }

  setVariable(channel: Channel, variable: string, value: string): void {
    channel.vars.set(variable, value);
    this.publishForChannel(channel, { type: 'ChannelVarset', variable, value });
  }

  hangup(channel: Channel, cause: number, source: HangupSource): void {
    if (!channel.isAlive) return;
    // ARI's DELETE is a soft hangup: the event carries the softhangup flag (AST_SOFTHANGUP_EXPLICIT = 32).
    if (source === 'ari')
      this.publishForChannel(channel, { type: 'ChannelHangupRequest', cause: 32, soft: true });
    if (source === 'remote') this.publishForChannel(channel, { type: 'ChannelHangupRequest', cause });
    channel.isAlive = false;
    channel.destroyCause = cause;
    channel.clearTimers();
    this.dialer.onHangup(channel, source);
    this.playbacks.onTargetGone(`channel:${channel.id}`);
    this.recordings.onTargetGone(`channel:${channel.id}`);
    if (channel.bridgeId) this.bridges.leave(channel);
    this.leaveStasis(channel);
    this.publishForChannel(channel, {
      type: 'ChannelDestroyed',
      cause,
      cause_txt: hangupCauses[cause] ?? 'Unknown',
    });
    this.channels.delete(channel.id);
    this.changed();
  }

  /** One ChannelDtmfReceived per key, on release; a key never stops a playback. */
  pressKey(channel: Channel, digit: string, durationMs: number): void {
    if (!channel.isAlive) return;
    this.publishForChannel(channel, { type: 'ChannelDtmfReceived', digit, duration_ms: durationMs });
    this.recordings.onDtmf(channel, digit);
  }

  timer(channel: Channel, delayMs: number, action: () => void): void {
    const timer = setTimeout(() => {
      channel.timers.delete(timer);
      if (channel.isAlive) action();
    }, delayMs);
    channel.timers.add(timer);
  }

  seconds(count: number): number {
    return count * this.options.msPerSecond;
  }

  changed(): void {
    this.changes.emit('change');
  }
}
