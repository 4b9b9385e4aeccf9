import type { IvrSettings } from '../../core/config';
import type { Logger } from '../../core/logger';
import type { RosterView } from '../../core/roster/roster.store';
import type { StoredTicketRef } from '../../core/tickets/call-tickets.repo';
import type { CallFacts } from './call-facts';
import type { EventInbox } from './event-inbox';
import type { KeyQueue } from './key-queue';
import type { LiveStatus } from './live-status';
import { channelEndingIn, LEG_ARG } from './outbound-legs';
import { quietly } from './quietly';
import type { TelephonyCommands, TelephonyEvent } from './telephony.port';

/** Everything a step of one call works with. Built once per call by the session. */
export interface CallContext {
  /** The caller's Asterisk channel id: the call's identity everywhere (logs, ticket, router). */
  readonly callId: string;
  readonly commands: TelephonyCommands;
  readonly inbox: EventInbox;
  readonly keys: KeyQueue;
  readonly facts: CallFacts;
  readonly roster: RosterView;
  readonly settings: IvrSettings;
  readonly log: Logger;
  readonly resources: CallResources;
  /** What the live board shows of this call (stage, since when, with whom). */
  readonly live: LiveStatus;
  /** The stored ticket once its first write landed (null when it went to the outbox). */
  readonly ticket: Promise<StoredTicketRef | null>;
  /** Writes the ticket as it stands now (an answered call must be on record before it ends). */
  checkpoint(): void;
  /** A fresh id for a channel, bridge or playback this call creates (claimed for event routing). */
  newId(kind: 'leg' | 'bridge' | 'playback'): string;
}

/**
 * Every Asterisk resource a call created and has not seen end, so the session's one `finally`
 * can tear down what is left, whatever step the caller hung up in.
 */
export class CallResources {
  readonly legs = new Set<string>();
  readonly bridges = new Set<string>();
  readonly playbacks = new Set<string>();
  readonly recordings = new Set<string>();

  /**
   * Forgets what Asterisk is ending by itself: a leg hung up (from its hangup request on: a DELETE
   * for it would only earn a 404), a bridge destroyed, a recording finished.
   */
  observe(event: TelephonyEvent): void {
    const ending = channelEndingIn(event);
    if (ending !== undefined) this.legs.delete(ending);
    else if (event.type === 'BridgeDestroyed') this.bridges.delete(event.bridgeId);
    else if (event.type === 'RecordingFinished' || event.type === 'RecordingFailed')
      this.recordings.delete(event.name);
  }

  /**
   * What the call missed while the event stream was down: a leg Asterisk no longer holds has
   * ended, one now Up was answered (the ring guard must not hang up on an answer the app never
   * heard), and a playback no longer there has finished (its step must not wait for the guard).
   */
  async missedEvents(
    present: ReadonlyMap<string, string>,
    commands: TelephonyCommands,
  ): Promise<TelephonyEvent[]> {
    const legs = [...this.legs].flatMap((channelId): TelephonyEvent[] => {
      const state = present.get(channelId);
      if (state === undefined)
        return [{ type: 'ChannelDestroyed', channelId, cause: 16, causeText: 'Normal Clearing' }];
      // An empty state: the leg was made while the listing was on its way, nothing is known of it.
      if (state === '') return [];
      // A leg listed in the app has entered it: a step still waiting for its StasisStart may dial it.
      const entered: TelephonyEvent = {
        type: 'StasisStart',
        channel: { id: channelId, name: '', state, callerNumber: '', callerName: '', exten: '' },
        args: [LEG_ARG],
      };
      return state === 'Up' ? [entered, { type: 'ChannelStateChange', channelId, state }] : [entered];
    });
    const finished = await Promise.all(
      [...this.playbacks].map(
        async (playbackId): Promise<TelephonyEvent[]> =>
          (await commands.isPlaying(playbackId))
            ? []
            : [{ type: 'PlaybackFinished', playbackId, targetUri: '', state: 'done' }],
      ),
    );
    return [...legs, ...finished.flat()];
  }

  /** Tears down everything still held: recordings stopped (kept), playbacks stopped, legs hung up, then bridges destroyed. */
  async release(commands: TelephonyCommands, log: Logger): Promise<void> {
    await Promise.all([
      ...[...this.recordings].map((name) => quietly(log, 'recording', () => commands.stopRecording(name))),
      ...[...this.playbacks].map((id) => quietly(log, 'playback', () => commands.stopPlayback(id))),
      ...[...this.legs].map((id) => quietly(log, 'leg', () => commands.hangup(id))),
    ]);
    await Promise.all(
      [...this.bridges].map((id) => quietly(log, 'bridge', () => commands.destroyBridge(id))),
    );
    this.legs.clear();
    this.bridges.clear();
    this.playbacks.clear();
    this.recordings.clear();
  }
}
