import { randomUUID } from 'node:crypto';
import { abortedWithin } from '../../core/async/with-timeout';
import type { IvrSettings } from '../../core/config';
import { normalizeVietnamesePhone } from '../../core/domain/phone';
import type { RosterUnit } from '../../core/domain/roster';
import type { Logger } from '../../core/logger';
import type { RosterView } from '../../core/roster/roster.store';
import type { StoredTicketRef } from '../../core/tickets/call-tickets.repo';
import type { TicketSink } from '../../core/tickets/ticket-recorder';
import { promptUri } from '../prompts/catalogue';
import { type CallContext, CallResources } from './call-context';
import { CallFacts } from './call-facts';
import type { PresentChannels } from './call-router';
import { HANDED_OVER_TARGET } from './dialplan-contract';
import { CallerGone, EventInbox } from './event-inbox';
import { KeyQueue } from './key-queue';
import { type LiveCall, LiveStatus } from './live-status';
import { play } from './media';
import { hangupQuietly } from './quietly';
import { NOTHING_KNOWN, type ReachabilityView } from './reachability.port';
import { takeConfidentialMessage } from './steps/confidential.step';
import { forward } from './steps/forward.step';
import { chooseUnit } from './steps/menu.step';
import { runSurvey } from './steps/survey.step';
import { tellTracking } from './steps/tracking.step';
import { takeVoicemail } from './steps/voicemail.step';
import {
  type ChannelInfo,
  type TelephonyCommands,
  TelephonyError,
  type TelephonyEvent,
} from './telephony.port';

/** How long a command's "channel not found" waits for the caller's hangup event to explain it. */
const HANGUP_EVENT_GRACE_MS = 1000;

export interface CallSessionDeps {
  commands: TelephonyCommands;
  roster: RosterView;
  tickets: TicketSink;
  settings: IvrSettings;
  logger: Logger;
  /** Which phones the PBX knows to be unreachable (AMI); without it every target rings. */
  reachability?: ReachabilityView;
  /** Registers an id (leg, bridge, playback) so its events reach this call. */
  claim(id: string): void;
  /** Told whenever what the live board shows of this call changes. */
  onLiveChange?: () => void;
}

export type CallStage = CallFacts['currentStage'];

function callerNumberOf(channel: ChannelInfo): string | null {
  const parsed = normalizeVietnamesePhone(channel.callerNumber);
  if (parsed.ok) return parsed.e164;
  const raw = channel.callerNumber.trim();
  return raw === '' || /anonymous|unknown|restricted/i.test(raw) ? null : raw;
}

/**
 * One citizen's call, from StasisStart to the last hangup, written as the call reads: answer,
 * greet, menu, forward, then survey or voicemail (or, from the menu's confidential key, the
 * complaint to the chairman instead), then the ticket's number and tracking secret. The caller hanging up aborts whatever step runs;
 * the one `finally` tears down what the call created and writes the ticket's last state.
 */
export class CallSession {
  readonly callId: string;
  private readonly abort = new AbortController();
  private readonly inbox = new EventInbox(this.abort.signal);
  private readonly keys = new KeyQueue(this.inbox);
  private readonly resources = new CallResources();
  private readonly facts: CallFacts;
  private readonly log: Logger;
  private readonly ticket: Promise<StoredTicketRef | null>;
  private officialsUnit: RosterUnit | undefined;
  readonly live: LiveStatus;

  constructor(
    private readonly deps: CallSessionDeps,
    channel: ChannelInfo,
    private readonly directCode: string | undefined,
  ) {
    this.callId = channel.id;
    this.log = deps.logger.child({ callId: channel.id });
    const receivedAt = new Date();
    this.live = new LiveStatus(deps.onLiveChange ?? (() => undefined), 'greeting', receivedAt);
    this.facts = new CallFacts({
      channelId: channel.id,
      callerNumber: callerNumberOf(channel),
      receivedAt,
      onStage: (stage) => this.live.enter(stage),
    });
    this.ticket = deps.tickets.record(this.facts.nextWrite());
  }

  get stage(): CallStage {
    return this.facts.currentStage;
  }

  get unit(): RosterUnit | undefined {
    return this.officialsUnit;
  }

  liveCall(): LiveCall {
    const unit = this.officialsUnit;
    return {
      callId: this.callId,
      kind: 'citizen',
      stage: this.live.stage,
      since: this.live.since,
      receivedAt: this.facts.receivedAt,
      callerNumber: this.facts.callerNumber,
      unit: unit ? { id: unit.id, code: unit.code, name: unit.name } : null,
      party: this.live.party,
      ...(this.facts.isLeaderOnly && { confidential: true, leaderOnly: true }),
    };
  }

  /** After a reconnect: what Asterisk still holds of this call, and in which state. */
  async reconcile(present: PresentChannels): Promise<void> {
    if (!present.has(this.callId)) {
      this.callerVanished();
      return;
    }
    for (const event of await this.resources.missedEvents(present, this.deps.commands)) this.deliver(event);
  }

  deliver(event: TelephonyEvent): void {
    if (
      (event.type === 'StasisEnd' ||
        event.type === 'ChannelHangupRequest' ||
        event.type === 'ChannelDestroyed') &&
      event.channelId === this.callId &&
      !this.abort.signal.aborted
    ) {
      this.log.info('caller hung up', { stage: this.stage });
      this.abort.abort(new CallerGone(this.callId));
    }
    this.resources.observe(event);
    this.inbox.deliver(event);
  }

  /** The caller's channel is gone while we were not listening (found on reconnect). */
  callerVanished(): void {
    this.deliver({ type: 'StasisEnd', channelId: this.callId });
  }

  async run(): Promise<void> {
    const ctx = this.context();
    let endedBy: 'caller' | 'official' | 'system' = 'system';
    let reason: 'caller-hung-up' | 'completed' | 'failed' = 'completed';
    this.log.info('call started', { args: this.directCode ? [this.directCode] : [] });
    try {
      await ctx.commands.answer(this.callId);
      const choice = await chooseUnit(ctx, this.directCode);
      if (choice.kind === 'complaint') {
        await takeConfidentialMessage(ctx, choice.code);
      } else {
        this.officialsUnit = choice.unit;
        const result = await forward(ctx, choice.unit, this.deps.reachability ?? NOTHING_KNOWN);
        if (result.kind === 'talked') {
          endedBy = 'official';
          await runSurvey(ctx);
        } else {
          await takeVoicemail(ctx);
        }
      }
      await tellTracking(ctx);
      await play(ctx, this.callId, [promptUri('goodbye')], { stopOnKey: false });
    } catch (error) {
      if (await this.callerLeft(error)) {
        // Leaving during the survey does not change who ended the conversation.
        if (endedBy !== 'official') endedBy = 'caller';
        reason = 'caller-hung-up';
      } else {
        reason = 'failed';
        this.log.error('call failed', { stage: this.stage, error });
      }
    } finally {
      await this.resources.release(ctx.commands, this.log);
      const handedOver =
        reason === 'failed' && !this.abort.signal.aborted && (await this.handOverToDialplan(ctx));
      if (!handedOver && !this.abort.signal.aborted) await hangupQuietly(ctx, this.callId);
      this.facts.ended(reason, endedBy);
      this.log.info('call ended', { endedBy, reason, stage: this.stage });
      await this.deps.tickets.record(this.facts.nextWrite());
    }
  }

  /**
   * Whether the error that ended the call is the caller leaving. A command can find the caller's
   * channel gone before the hangup event arrives (the REST answer and the event stream travel on
   * different sockets), so a "not found" waits a moment for that event.
   */
  private async callerLeft(error: unknown): Promise<boolean> {
    const { signal } = this.abort;
    if (error instanceof CallerGone || signal.aborted) return true;
    if (!(error instanceof TelephonyError) || !error.isGone) return false;
    return abortedWithin(signal, HANGUP_EVENT_GRACE_MS);
  }

  /**
   * Something broke: the caller hears the apology (which promises the operator) and the call goes
   * back to Asterisk's dialplan, whose fallback rings the district office directly; the ticket
   * says failed. Only if that hand-over fails too is the call ended.
   */
  private async handOverToDialplan(ctx: CallContext): Promise<boolean> {
    try {
      await play(ctx, this.callId, [promptUri('sorry-error')], { stopOnKey: false });
      await ctx.commands.continueInDialplan(this.callId, HANDED_OVER_TARGET);
      ctx.facts.note('handed-to-dialplan');
      return true;
    } catch (error) {
      this.log.warn('could not hand the call to the dialplan fallback', { error: (error as Error).message });
      return false;
    }
  }

  private context(): CallContext {
    return {
      callId: this.callId,
      commands: this.deps.commands,
      inbox: this.inbox,
      keys: this.keys,
      facts: this.facts,
      roster: this.deps.roster,
      settings: this.deps.settings,
      log: this.log,
      resources: this.resources,
      live: this.live,
      ticket: this.ticket,
      checkpoint: () => void this.deps.tickets.record(this.facts.nextWrite()),
      newId: (kind) => {
        const id = `${kind}-${randomUUID()}`;
        this.deps.claim(id);
        return id;
      },
    };
  }
}
