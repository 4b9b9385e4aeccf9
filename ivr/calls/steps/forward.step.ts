import { randomUUID } from 'node:crypto';
import { dialString } from '../../../core/domain/dial-target';
import { maskPhone } from '../../../core/domain/phone';
import type { DutyTarget, RosterUnit } from '../../../core/domain/roster';
import { confirmOfficialUris, promptUri, transferringUris } from '../../prompts/catalogue';
import type { CallContext } from '../call-context';
import { nextKey, play } from '../media';
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

/** Rings one target and, when it answers, asks the official to press 1 if the contact requires it. */
async function ringTarget(
  ctx: CallContext,
  unit: RosterUnit,
  target: DutyTarget,
): Promise<{ result: RingResult; legId: string }> {
  const legId = ctx.newId('leg');
  ctx.resources.legs.add(legId);
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
    ctx.resources.legs.delete(legId);
    await hangupQuietly(ctx, legId);
    return { result: 'unavailable', legId };
  }
  const event = await settled;
  const answered =
    (event?.type === 'Dial' && event.status === 'ANSWER') ||
    (event?.type === 'ChannelStateChange' && event.state === 'Up');
  if (!answered) {
    await hangupQuietly(ctx, legId);
    if (event?.type === 'Dial') return { result: DIAL_STATUS_RESULT[event.status] ?? 'unavailable', legId };
    if (event?.type === 'ChannelDestroyed')
      return { result: event.cause === 17 ? 'busy' : event.cause === 21 ? 'rejected' : 'unavailable', legId };
    return { result: 'no-answer', legId };
  }
  if (!target.confirmAnswer) return { result: 'accepted', legId };
  return { result: await confirmByOfficial(ctx, unit, legId), legId };
}

/** A mobile's own voicemail must not "answer" a citizen: only a 1 from the official takes the call. */
async function confirmByOfficial(ctx: CallContext, unit: RosterUnit, legId: string): Promise<RingResult> {
  const done = new AbortController();
  const hungUp = ctx.inbox.waitFor(legEnded(legId), { cancel: done.signal });
  hungUp.catch(() => undefined);
  try {
    const confirm = (async () => {
      const deadline = Date.now() + ctx.settings.confirmTimeoutMs;
      let key = await play(ctx, legId, confirmOfficialUris(unit.code), { stopOnKey: true });
      while (key !== '1') {
        const left = deadline - Date.now();
        if (left <= 0) return 'not-confirmed' as const;
        key = await nextKey(ctx, legId, left);
        if (key === null) return 'not-confirmed' as const;
      }
      return 'accepted' as const;
    })();
    const result = await Promise.race([
      confirm,
      hungUp.then((event) => (event ? ('official-hung-up' as const) : null)),
    ]);
    if (result !== 'accepted') await hangupQuietly(ctx, legId);
    return result ?? 'not-confirmed';
  } finally {
    done.abort();
  }
}

/** Bridges the caller with the official who took the call and waits for one of them to hang up. */
async function talk(ctx: CallContext, legId: string, target: DutyTarget): Promise<ForwardResult> {
  const bridgeId = ctx.newId('bridge');
  const officialLeft = ctx.inbox.waitFor(legEnded(legId));
  officialLeft.catch(() => undefined);
  await ctx.commands.createBridge(bridgeId);
  ctx.resources.bridges.add(bridgeId);
  await ctx.commands.stopRinging(ctx.callId);
  await ctx.commands.addToBridge(bridgeId, [ctx.callId, legId]);
  ctx.facts.answered({ contactId: target.contactId, name: target.contactName });
  ctx.facts.enterStage('talking');
  if (ctx.settings.recordCalls) await startCallRecording(ctx, bridgeId);
  await officialLeft;
  ctx.facts.talkEnded();
  ctx.facts.note('official.hung-up');
  ctx.resources.legs.delete(legId);
  return { kind: 'talked', officialHungUpFirst: true };
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
 * Announces the unit and rings its on-duty targets one after another (then its fallback's), the
 * caller hearing ringback. Busy, unreachable, rejected or unanswered moves on; the first to take
 * the call is bridged with the caller.
 */
export async function forward(ctx: CallContext, unit: RosterUnit): Promise<ForwardResult> {
  ctx.facts.enterStage('ringing');
  const announcement = [
    ...(ctx.settings.recordCalls ? [promptUri('recording-notice')] : []),
    ...transferringUris(unit.code),
  ];
  await play(ctx, ctx.callId, announcement, { stopOnKey: false });
  ctx.keys.clear(ctx.callId);
  const targets = ctx.roster.onDuty(unit.id, new Date());
  if (targets.length === 0) {
    ctx.facts.note('roster.empty', { unitId: unit.id });
    return { kind: 'nobody-answered' };
  }
  await ctx.commands.startRinging(ctx.callId);
  for (const target of targets) {
    const { result, legId } = await ringTarget(ctx, unit, target);
    ctx.facts.targetTried(describeTarget(target), result);
    ctx.log.info('target rung', { target: describeTarget(target), result });
    if (result === 'accepted') return talk(ctx, legId, target);
    ctx.resources.legs.delete(legId);
  }
  await ctx.commands.stopRinging(ctx.callId);
  return { kind: 'nobody-answered' };
}
