import { randomUUID } from 'node:crypto';
import type { IvrSettings } from '../../core/config';
import { type DialTarget, dialString } from '../../core/domain/dial-target';
import type { Logger } from '../../core/logger';
import type { CallbackResult, TimelineKind } from '../../core/tickets/timeline.vocabulary';
import { promptUri } from '../prompts/catalogue';
import { CallResources } from './call-context';
import type { CallOwner, PresentChannels } from './call-router';
import { EventInbox } from './event-inbox';
import { type LiveCall, LiveStatus } from './live-status';
import { LEG_ARG, LEG_ID_PREFIX, legEnded } from './outbound-legs';
import { quietly } from './quietly';
import { type RingFailure, ringLeg } from './ring';
import type { TelephonyCommands, TelephonyEvent } from './telephony.port';

export interface CallbackRequest {
  ticketId: number;
  unit: { id: number; code: string; name: string } | null;
  /** The official whose phone rings first. */
  official: { contactId: number; name: string; dial: DialTarget };
  /** The citizen's number, E.164. */
  citizenNumber: string;
  /** Whether the ticket is confidential: the live board shows its caller by that rule. */
  confidential: boolean;
}

export type { CallbackResult } from '../../core/tickets/timeline.vocabulary';

/** Where a callback's story goes: the ticket's timeline (written by the server side). */
export type CallbackReport = (kind: TimelineKind, data: Record<string, unknown>) => void;

export interface CallbackSessionDeps {
  commands: TelephonyCommands;
  settings: IvrSettings;
  logger: Logger;
  claim(id: string): void;
  report: CallbackReport;
  onLiveChange?: () => void;
}

const PROMPT_GUARD_MS = 60_000;

/** The service's own call: the end of a leg, whoever ended it. */
class CallbackOver extends Error {}

/**
 * A callback from a ticket: ring the official's own phone first; only once they answer is the
 * citizen dialed (through the trunk), and when the citizen answers they hear callback-intro and are
 * bridged with the official. Each step and the result go to the ticket's timeline through
 * `report`; whatever happens, the legs and the bridge are torn down at the end.
 */
export class CallbackSession implements CallOwner {
  readonly callbackId = `callback-${randomUUID()}`;
  private readonly abort = new AbortController();
  private readonly inbox = new EventInbox(this.abort.signal);
  private readonly resources = new CallResources();
  private readonly live: LiveStatus;
  private readonly log: Logger;
  private readonly startedAt = new Date();

  constructor(
    private readonly deps: CallbackSessionDeps,
    private readonly request: CallbackRequest,
  ) {
    this.log = deps.logger.child({ callbackId: this.callbackId, ticketId: request.ticketId });
    this.live = new LiveStatus(deps.onLiveChange ?? (() => undefined), 'ringing', this.startedAt);
  }

  deliver(event: TelephonyEvent): void {
    this.resources.observe(event);
    this.inbox.deliver(event);
  }

  async reconcile(present: PresentChannels): Promise<void> {
    for (const event of await this.resources.missedEvents(present, this.deps.commands)) this.deliver(event);
  }

  liveCall(): LiveCall {
    return {
      callId: this.callbackId,
      kind: 'callback',
      stage: this.live.stage,
      since: this.live.since,
      receivedAt: this.startedAt,
      callerNumber: this.request.citizenNumber,
      unit: this.request.unit,
      party: this.live.party,
      ticketId: this.request.ticketId,
      confidential: this.request.confidential,
    };
  }

  async run(): Promise<CallbackResult> {
    const { official } = this.request;
    this.live.with({ contactId: official.contactId, name: official.name });
    this.log.info('callback started', { official: official.name });
    let result: CallbackResult = 'failed';
    let talkSeconds: number | undefined;
    try {
      const officialLeg = this.newLeg();
      const officialRang = await this.ring(
        officialLeg,
        dialString(official.dial, this.deps.settings.trunkTemplate),
        undefined,
      );
      if (officialRang !== 'answered') {
        result = `official-${officialRang}`;
        return result;
      }
      this.deps.report('callback.official-answered', { contactId: official.contactId, name: official.name });
      const officialGone = this.inbox.waitFor(legEnded(officialLeg));
      officialGone.catch(() => undefined);
      await quietly(this.log, 'ringback to the official', () => this.deps.commands.startRinging(officialLeg));

      const citizenLeg = this.newLeg();
      const citizenTarget: DialTarget = { kind: 'phone', e164: this.request.citizenNumber };
      const citizenRang = await Promise.race([
        this.ring(citizenLeg, dialString(citizenTarget, this.deps.settings.trunkTemplate), officialLeg),
        officialGone.then(() => 'official-hung-up' as const),
      ]);
      if (citizenRang !== 'answered') {
        result = citizenRang === 'official-hung-up' ? citizenRang : `citizen-${citizenRang}`;
        return result;
      }
      await quietly(this.log, 'ringback to the official', () => this.deps.commands.stopRinging(officialLeg));
      this.live.enter('talking');
      const citizenGone = this.inbox.waitFor(legEnded(citizenLeg));
      citizenGone.catch(() => undefined);
      const eitherGone = Promise.race([officialGone, citizenGone]);
      const introHeard = await Promise.race([
        this.playIntro(citizenLeg).then(() => true),
        eitherGone.then(() => false),
      ]);
      if (!introHeard) {
        result = 'official-hung-up';
        return result;
      }
      const bridgeId = `bridge-${randomUUID()}`;
      this.deps.claim(bridgeId);
      await this.deps.commands.createBridge(bridgeId);
      this.resources.bridges.add(bridgeId);
      await this.deps.commands.addToBridge(bridgeId, [officialLeg, citizenLeg]);
      const talkStarted = Date.now();
      this.deps.report('callback.connected', {});
      result = 'connected';
      await eitherGone;
      talkSeconds = Math.round((Date.now() - talkStarted) / 1000);
      return result;
    } catch (error) {
      this.log.error('callback failed', { error });
      result = 'failed';
      return result;
    } finally {
      await this.resources.release(this.deps.commands, this.log);
      this.log.info('callback ended', { result });
      this.deps.report('callback.result', { result, ...(talkSeconds !== undefined && { talkSeconds }) });
      this.abort.abort(new CallbackOver('callback over'));
    }
  }

  private newLeg(): string {
    const id = `${LEG_ID_PREFIX}${randomUUID()}`;
    this.deps.claim(id);
    this.resources.legs.add(id);
    return id;
  }

  /** Rings a tagged leg through the same code as a citizen's forwarding. */
  private async ring(
    legId: string,
    endpoint: string,
    callerLeg: string | undefined,
  ): Promise<'answered' | RingFailure> {
    const outcome = await ringLeg(
      {
        commands: this.deps.commands,
        inbox: this.inbox,
        log: this.log,
        ringTimeoutMs: this.deps.settings.ringTimeoutMs,
      },
      {
        channelId: legId,
        endpoint,
        appArgs: [LEG_ARG, this.callbackId],
        ...(callerLeg !== undefined && { originatorId: callerLeg }),
      },
      callerLeg,
    );
    return outcome.kind === 'answered' ? 'answered' : outcome.reason;
  }

  private async playIntro(legId: string): Promise<void> {
    const playbackId = `playback-${randomUUID()}`;
    this.deps.claim(playbackId);
    const finished = this.inbox.waitFor(
      (event) => event.type === 'PlaybackFinished' && event.playbackId === playbackId,
      { timeoutMs: PROMPT_GUARD_MS },
    );
    finished.catch(() => undefined);
    await this.deps.commands.playOnChannel(legId, playbackId, [promptUri('callback-intro')]);
    await finished;
  }
}
