import type { Logger } from '../../core/logger';
import type { CallSession } from './call-session';
import { LEG_ARG } from './steps/legs';
import type { ChannelInfo, TelephonyEvent } from './telephony.port';

export interface LiveCall {
  callId: string;
  stage: string;
  unitCode: string | undefined;
}

/**
 * Sends each Asterisk event to the call it belongs to. Every id a call creates (its legs,
 * bridges, playbacks) is claimed before the command that creates it, because Asterisk may raise
 * the events before it answers the request. All of a call's claims go when the call ends, so
 * nothing is kept for channels that are gone.
 */
export class CallRouter {
  private readonly owners = new Map<string, CallSession>();
  private readonly claimsBySession = new Map<CallSession, Set<string>>();

  constructor(
    private readonly startSession: (channel: ChannelInfo, directCode: string | undefined) => CallSession,
    private readonly logger: Logger,
  ) {}

  get activeCalls(): number {
    return this.claimsBySession.size;
  }

  liveCalls(): LiveCall[] {
    return [...this.claimsBySession.keys()].map((session) => ({
      callId: session.callId,
      stage: session.stage,
      unitCode: session.unit?.code,
    }));
  }

  claim(session: CallSession, id: string): void {
    this.owners.set(id, session);
    this.claimsBySession.get(session)?.add(id);
  }

  route(event: TelephonyEvent): void {
    if (event.type === 'StasisStart') {
      this.onStasisStart(event.channel, event.args);
      return;
    }
    const session = this.ownerOf(event);
    if (session) session.deliver(event);
    else this.logger.debug('event for no live call', { type: event.type });
  }

  /** After a reconnect: tell each call which of its channels Asterisk no longer holds. */
  reconcile(present: ReadonlySet<string>): void {
    for (const session of [...this.claimsBySession.keys()]) {
      if (!present.has(session.callId)) session.callerVanished();
      else session.legsVanished(present);
    }
    const known = new Set(this.owners.keys());
    const orphans = [...present].filter((id) => !known.has(id));
    if (orphans.length > 0) {
      this.logger.warn('channels in the Stasis app that no live call owns (left to Asterisk)', { orphans });
    }
  }

  private onStasisStart(channel: ChannelInfo, args: string[]): void {
    if (args[0] === LEG_ARG) {
      const owner = this.owners.get(channel.id);
      if (!owner)
        this.logger.warn('a leg entered the app for a call that is over', { channelId: channel.id });
      return;
    }
    if (this.owners.has(channel.id)) return;
    const session = this.startSession(channel, args[0] === '' ? undefined : args[0]);
    this.claimsBySession.set(session, new Set([channel.id]));
    this.owners.set(channel.id, session);
    void session.run().finally(() => this.release(session));
  }

  private ownerOf(event: TelephonyEvent): CallSession | undefined {
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

  private release(session: CallSession): void {
    for (const id of this.claimsBySession.get(session) ?? []) {
      if (this.owners.get(id) === session) this.owners.delete(id);
    }
    this.claimsBySession.delete(session);
  }
}
