import { randomUUID } from 'node:crypto';
import { dialString } from '../../../core/domain/dial-target';
import { maskPhone } from '../../../core/domain/phone';
import type { DutyTarget, RosterUnit } from '../../../core/domain/roster';
import { confirmOfficialUris, promptUri, transferringUris } from '../../prompts/catalogue';
import type { CallContext } from '../call-context';
import { WAIT_OVER } from '../event-inbox';
import { nextKey, play } from '../media';
import { quietly } from '../quietly';
import { amiEndpointOf, type ReachabilityView } from '../reachability.port';
import type { TelephonyEvent } from '../telephony.port';
import { TelephonyError } from '../telephony.port';
import { hangupQuietly, LEG_ARG } from './legs';

export type ForwardResult = { kind: 'talked'; officialHungUpFirst: boolean } | { kind: 'nobody-answered' };

type RingResult =
  | 'accepted'
  | 'busy'
  | 'no-answer'
  | 'unavailable'
  | 'rejected'
  | 'not-confirmed'
  | 'official-hung-up';

const DIAL_STATUS_RESULT: Record<string, RingResult> = {
  BUSY: 'busy',
  NOANSWER: 'no-answer',
  CHANUNAVAIL: 'unavailable',
  CONGESTION: 'unavailable',
  CANCEL: 'no-answer',
};

/** Grace beyond Asterisk's own dial timeout before the app gives up on a leg whose events were lost. */
const RING_GUARD_MS = 3000;

function describeTarget(target: DutyTarget) {
  return {
    contactId: target.contactId,
    name: target.contactName,
    unitId: target.unitId,
    isFallback: target.isFallback,
    dial: target.dial.kind === 'phone' ? maskPhone(target.dial.e164) : target.dial.endpoint,
  };
}

const legEnded = (legId: string) => (event: TelephonyEvent) =>
  (event.type === 'ChannelDestroyed' ||
    event.type === 'StasisEnd' ||
    event.type === 'ChannelHangupRequest') &&
  event.channelId === legId;

/** How long a failed command on a leg waits for the leg's end event (it may trail the REST answer). */
const LEG_END_GRACE_MS = 1000;

/**
 * A leg the call created, with its end watched from creation: an official can hang up the instant
 * they answer, before the step that cares is listening. `ended` resolves with the end event, or
 * null once `release()` says the call is done with the leg.
 */
interface Leg {
  id: string;
  ended: Promise<TelephonyEvent | null>;
  release(): void;
}

function watchLeg(ctx: CallContext): Leg {
  const id = ctx.newId('leg');
  ctx.resources.legs.add(id);
  const released = new AbortController();
  const ended = ctx.inbox.waitFor(legEnded(id), { cancel: released.signal });
  ended.catch(() => undefined);
  return { id, ended, release: () => released.abort(WAIT_OVER) };
}

/** Whether a command failed because the official's leg is gone (then its end event comes soon). */
async function legWasGone(leg: Leg, error: unknown): Promise<boolean> {
  if (!(error instanceof TelephonyError)) return false;
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), LEG_END_GRACE_MS);
  });
  const event = await Promise.race([leg.ended, grace]).finally(() => clearTimeout(timer));
  return event !== null;
}

/** Rings one target and, when it answers, asks the official to press 1 if the contact requires it. */
async function ringTarget(
  ctx: CallContext,
  unit: RosterUnit,
  target: DutyTarget,
  leg: Leg,
): Promise<RingResult> {
  const legId = leg.id;
  const ringTimeoutSeconds = Math.max(1, Math.round(ctx.settings.ringTimeoutMs / 1000));
  const settled = ctx.inbox.waitFor(
    (event) =>
      (event.type === 'Dial' &&
        event.peerId === legId &&
        (event.status === 'ANSWER' || event.status in DIAL_STATUS_RESULT)) ||
      (event.type === 'ChannelStateChange' && event.channelId === legId && event.state === 'Up') ||
      legEnded(legId)(event),
    { timeoutMs: ctx.settings.ringTimeoutMs + RING_GUARD_MS },
  );
  settled.catch(() => undefined);
  try {
    await ctx.commands.createLeg({
      channelId: legId,
      endpoint: dialString(target.dial, ctx.settings.trunkTemplate),
      appArgs: [LEG_ARG, ctx.callId],
      originatorId: ctx.callId,
    });
    await ctx.commands.dial(legId, ctx.callId, ringTimeoutSeconds);
  } catch (error) {
    if (!(error instanceof TelephonyError)) throw error;
    ctx.log.warn('target could not be dialed', { target: describeTarget(target), error: error.message });
    await hangupQuietly(ctx, legId);
    return 'unavailable';
  }
  const event = await settled;
  const answered =
    (event?.type === 'Dial' && event.status === 'ANSWER') ||
    (event?.type === 'ChannelStateChange' && event.state === 'Up');
  if (!answered) {
    await hangupQuietly(ctx, legId);
    if (event?.type === 'Dial') return DIAL_STATUS_RESULT[event.status] ?? 'unavailable';
    if (event?.type === 'ChannelDestroyed')
      return event.cause === 17 ? 'busy' : event.cause === 21 ? 'rejected' : 'unavailable';
    return 'no-answer';
  }
  if (!target.confirmAnswer) return 'accepted';
  return confirmByOfficial(ctx, unit, leg);
}

/** A mobile's own voicemail must not "answer" a citizen: only a 1 from the official takes the call. */
async function confirmByOfficial(ctx: CallContext, unit: RosterUnit, leg: Leg): Promise<RingResult> {
  const confirm = (async () => {
    const deadline = Date.now() + ctx.settings.confirmTimeoutMs;
    let key = await play(ctx, leg.id, confirmOfficialUris(unit.code), { stopOnKey: true });
    while (key !== '1') {
      const left = deadline - Date.now();
      if (left <= 0) return 'not-confirmed' as const;
      key = await nextKey(ctx, leg.id, left);
      if (key === null) return 'not-confirmed' as const;
    }
    return 'accepted' as const;
  })().catch(async (error: unknown) => {
    if (await legWasGone(leg, error)) return 'official-hung-up' as const;
    throw error;
  });
  const hungUp = leg.ended.then((event) => (event ? ('official-hung-up' as const) : 'not-confirmed'));
  const result = await Promise.race([confirm, hungUp]);
  if (result !== 'accepted') await hangupQuietly(ctx, leg.id);
  return result;
}

/** Bridges the caller with the official who took the call; null when the official was already gone. */
async function bridgeWith(ctx: CallContext, leg: Leg): Promise<string | null> {
  const bridgeId = ctx.newId('bridge');
  await ctx.commands.createBridge(bridgeId);
  ctx.resources.bridges.add(bridgeId);
  try {
    await ctx.commands.addToBridge(bridgeId, [ctx.callId, leg.id]);
    return bridgeId;
  } catch (error) {
    if (!(await legWasGone(leg, error))) throw error;
    ctx.resources.bridges.delete(bridgeId);
    await ctx.commands.destroyBridge(bridgeId);
    return null;
  }
}

/** The conversation, until the official hangs up (the caller hanging up ends the whole call). */
async function talk(
  ctx: CallContext,
  leg: Leg,
  target: DutyTarget,
  bridgeId: string,
): Promise<ForwardResult> {
  ctx.facts.answered({ contactId: target.contactId, name: target.contactName });
  ctx.facts.enterStage('talking');
  if (ctx.settings.recordCalls) await startCallRecording(ctx, bridgeId);
  await leg.ended;
  ctx.facts.talkEnded();
  ctx.facts.note('official.hung-up');
  await endConversation(ctx, bridgeId);
  return { kind: 'talked', officialHungUpFirst: true };
}

/**
 * The official left: the recording and the bridge end with the conversation, so the survey that
 * follows is neither recorded nor played into a bridge.
 */
async function endConversation(ctx: CallContext, bridgeId: string): Promise<void> {
  for (const name of [...ctx.resources.recordings]) {
    await quietly(ctx.log, 'call recording', () => ctx.commands.stopRecording(name));
    ctx.resources.recordings.delete(name);
  }
  await quietly(ctx.log, 'bridge', () => ctx.commands.destroyBridge(bridgeId));
  ctx.resources.bridges.delete(bridgeId);
}

async function startCallRecording(ctx: CallContext, bridgeId: string): Promise<void> {
  const name = `hotline-${ctx.callId}-${randomUUID().slice(0, 8)}`;
  try {
    await ctx.commands.recordBridge(bridgeId, {
      name,
      format: 'wav',
      maxDurationSeconds: 0,
      maxSilenceSeconds: 0,
      beep: false,
      terminateOn: 'none',
      ifExists: 'fail',
    });
    ctx.resources.recordings.add(name);
    ctx.facts.recording(name);
  } catch (error) {
    // A conversation without a recording is better than no conversation.
    ctx.log.warn('call recording could not start', { error: (error as Error).message });
  }
}

/**
 * The caller hears the announcement, then ringback until the call is bridged or forwarding ends.
 * It runs beside the ringing, so an official's phone rings while the unit is still announced.
 */
class CallerSide {
  readonly announced: Promise<void>;
  private ringing: Promise<void> | undefined;
  private forwarding = true;

  constructor(
    private readonly ctx: CallContext,
    unit: RosterUnit,
  ) {
    const announcement = [
      ...(ctx.settings.recordCalls ? [promptUri('recording-notice')] : []),
      ...transferringUris(unit.code),
    ];
    this.announced = play(ctx, ctx.callId, announcement, { stopOnKey: false }).then(() => {
      ctx.keys.clear(ctx.callId);
    });
    this.announced.catch(() => undefined);
  }

  /** Ringback once the announcement is over (again after a bridge that did not happen). */
  startRingback(): void {
    this.forwarding = true;
    this.ringing ??= this.announced.then(() =>
      this.forwarding ? this.ctx.commands.startRinging(this.ctx.callId) : undefined,
    );
    this.ringing.catch(() => undefined);
  }

  /** Forwarding is over: the announcement has ended and ringback, if it started, is stopped. */
  async stop(): Promise<void> {
    this.forwarding = false;
    await this.announced;
    const ringing = this.ringing;
    this.ringing = undefined;
    if (!ringing) return;
    await ringing;
    await this.ctx.commands.stopRinging(this.ctx.callId);
  }
}

/**
 * Announces the unit and rings its on-duty targets one after another (then its fallback's), the
 * caller hearing ringback. The first target is dialed at once, while the announcement plays.
 * Busy, unreachable, rejected or unanswered moves on; the first to take the call is bridged with
 * the caller once the announcement (with its recording notice) has been heard. A phone the PBX
 * already knows to be unreachable is skipped rather than rung for the whole ring timeout.
 */
export async function forward(
  ctx: CallContext,
  unit: RosterUnit,
  reachability: ReachabilityView,
): Promise<ForwardResult> {
  ctx.facts.enterStage('ringing');
  const targets = ctx.roster.onDuty(unit.id, new Date());
  if (targets.length === 0) ctx.facts.note('roster.empty', { unitId: unit.id });
  let caller: CallerSide | undefined;
  for (const target of targets) {
    const endpoint = amiEndpointOf(target.dial);
    if (endpoint !== null && reachability.reachability(endpoint) === 'unreachable') {
      ctx.facts.targetTried(describeTarget(target), 'skipped-unreachable');
      ctx.log.info('target skipped: its phone is unreachable', { target: describeTarget(target) });
      continue;
    }
    const leg = watchLeg(ctx);
    ctx.live.with({ contactId: target.contactId, name: target.contactName });
    try {
      // The dial request leaves first: it is what the official waits for; the caller's side follows.
      const ringing = ringTarget(ctx, unit, target, leg);
      caller ??= new CallerSide(ctx, unit);
      caller.startRingback();
      let result = await ringing;
      if (result === 'accepted') await caller.stop();
      const bridgeId = result === 'accepted' ? await bridgeWith(ctx, leg) : null;
      if (result === 'accepted' && bridgeId === null) result = 'official-hung-up';
      ctx.facts.targetTried(describeTarget(target), result);
      ctx.log.info('target rung', { target: describeTarget(target), result });
      if (bridgeId !== null) {
        const talked = await talk(ctx, leg, target, bridgeId);
        ctx.resources.legs.delete(leg.id);
        return talked;
      }
      ctx.resources.legs.delete(leg.id);
    } finally {
      leg.release();
    }
  }
  ctx.live.with(null);
  // Nobody was rung (no one on duty, or every phone unreachable): the caller still hears where
  // the call was going before the voicemail invitation.
  await (caller ?? new CallerSide(ctx, unit)).stop();
  return { kind: 'nobody-answered' };
}
