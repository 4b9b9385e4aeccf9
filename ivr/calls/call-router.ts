import type { Logger } from '../../core/logger';
import type { CallSession } from './call-session';
import type { LiveCall } from './live-status';
import { LEG_ARG } from './outbound-legs';
import type { ChannelInfo, TelephonyEvent } from './telephony.port';

export type { LiveCall } from './live-status';

/**
 * Channel id → state (Ring, Ringing, Up...) of what Asterisk still holds in the app; an empty state
 * for a channel whose state is not known (made while the listing was on its way).
 */
export type PresentChannels = ReadonlyMap<string, string>;

/** Anything that owns channels in the app: a citizen's call, or a callback the service placed. */
export interface CallOwner {
  deliver(event: TelephonyEvent): void;
  /** After a reconnect: the channels Asterisk still holds in the app, with their state. */
  reconcile(present: PresentChannels): Promise<void>;
  liveCall(): LiveCall;
}

/**
 * Sends each Asterisk event to the call it belongs to. Every id a call creates (its legs,
 * bridges, playbacks) is claimed before the command that creates it, because Asterisk may raise
 * the events before it answers the request. All of a call's claims go when the call ends, so
 * nothing is kept for channels that are gone.
 */
export class CallRouter {
  private readonly owners = new Map<string, CallOwner>();
  private readonly claimsByOwner = new Map<CallOwner, Set<string>>();
  private citizenCalls = 0;

  constructor(
    private readonly startSession: (channel: ChannelInfo, directCode: string | undefined) => CallSession,
    private readonly logger: Logger,
    /** Told when a call starts, ends or moves (the live board coalesces these). */
    private readonly onChange: () => void,
    /** A leg that entered the app after its call was over: nobody will dial or bridge it. */
    private readonly hangUpStray: (channelId: string) => void,
  ) {}

  /** Citizens' calls in progress (callbacks are not counted). */
  get activeCalls(): number {
    return this.citizenCalls;
  }

  liveCalls(): LiveCall[] {
    return [...this.claimsByOwner.keys()].map((owner) => owner.liveCall());
  }

  claim(owner: CallOwner, id: string): void {
    this.owners.set(id, owner);
    this.claimsByOwner.get(owner)?.add(id);
  }

  /**
   * Carries a call the service itself places (a callback): its legs are tagged like a citizen
   * call's legs, so their StasisStart is never taken for a new citizen, and its events are routed
   * to it until `run` settles.
   */
  async carry(owner: CallOwner, run: () => Promise<void>): Promise<void> {
    this.claimsByOwner.set(owner, new Set());
    this.onChange();
    try {
      await run();
    } finally {
      this.release(owner);
    }
  }

  route(event: TelephonyEvent): void {
    if (event.type === 'StasisStart') {
      this.onStasisStart(event.channel, event.args);
      return;
    }
    const owner = this.ownerOf(event);
    if (owner) owner.deliver(event);
    else this.logger.debug('event for no live call', { type: event.type });
  }

  /** After a reconnect: tell each call which of its channels Asterisk no longer holds. */
  async reconcile(present: PresentChannels): Promise<void> {
    await Promise.all([...this.claimsByOwner.keys()].map((owner) => owner.reconcile(present)));
  }

  /** Every id the live calls own now. */
  claimedIds(): Set<string> {
    return new Set(this.owners.keys());
  }

  /** Whether a live call (or callback, or taken-over call) owns this channel or bridge id. */
  owns(id: string): boolean {
    return this.owners.has(id);
  }

  private onStasisStart(channel: ChannelInfo, args: string[]): void {
    if (args[0] === LEG_ARG) {
      const owner = this.owners.get(channel.id);
      // The leg's owner waits for it to be in the app before dialing it.
      if (owner) owner.deliver({ type: 'StasisStart', channel, args });
      else {
        this.logger.warn('a leg entered the app for a call that is over: hung up', { channelId: channel.id });
        this.hangUpStray(channel.id);
      }
      return;
    }
    if (this.owners.has(channel.id)) return;
    const session = this.startSession(channel, args[0] === '' ? undefined : args[0]);
    this.claimsByOwner.set(session, new Set([channel.id]));
    this.owners.set(channel.id, session);
    this.citizenCalls += 1;
    this.onChange();
    void session.run().finally(() => {
      this.citizenCalls -= 1;
      this.release(session);
    });
  }

  private ownerOf(event: TelephonyEvent): CallOwner | undefined {
    switch (event.type) {
      case 'Dial':
        return this.owners.get(event.peerId);
      case 'PlaybackStarted':
      case 'PlaybackFinished':
        return this.owners.get(event.playbackId) ?? this.owners.get(event.targetUri.replace(/^channel:/, ''));
      case 'RecordingStarted':
      case 'RecordingFinished':
      case 'RecordingFailed':
        return this.owners.get(event.targetUri.replace(/^(channel|bridge):/, ''));
      case 'BridgeDestroyed':
        return this.owners.get(event.bridgeId);
      case 'StasisStart':
        return this.owners.get(event.channel.id);
      case 'ChannelEnteredBridge':
      case 'ChannelLeftBridge':
        return this.owners.get(event.channelId) ?? this.owners.get(event.bridgeId);
      default:
        return this.owners.get(event.channelId);
    }
  }

  private release(owner: CallOwner): void {
    for (const id of this.claimsByOwner.get(owner) ?? []) {
      if (this.owners.get(id) === owner) this.owners.delete(id);
    }
    this.claimsByOwner.delete(owner);
    this.onChange();
  }
}
