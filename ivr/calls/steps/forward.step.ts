import { randomUUID } from 'node:crypto';
import { amiEndpointOf, dialString } from '../../../core/domain/dial-target';
import { maskPhone } from '../../../core/domain/phone';
import type { DutyTarget, RosterUnit } from '../../../core/domain/roster';
import { confirmOfficialUris, promptUri, transferringUris } from '../../prompts/catalogue';
import type { CallContext } from '../call-context';
import type { TargetResult } from '../call-facts';
import { WAIT_OVER } from '../event-inbox';
import { nextKey, play, playToEnd } from '../media';
import { LEG_ARG } from '../outbound-legs';
import { hangupQuietly, quietly } from '../quietly';
import type { ReachabilityView } from '../reachability.port';
import { ringLeg } from '../ring';
import { type Leg, legWasGone, watchLeg } from '../watched-leg';

export type ForwardResult = { kind: 'talked' } | { kind: 'nobody-answered' };

function describeTarget(target: DutyTarget) {
  return {
    contactId: target.contactId,
    name: target.contactName,
    unitId: target.unitId,
    isFallback: target.isFallback,
    dial: target.dial.kind === 'phone' ? maskPhone(target.dial.e164) : target.dial.endpoint,
  };
}

/** Rings one target and, when it answers, asks the official to press 1 if the contact requires it. */
async function ringTarget(
  ctx: CallContext,
  unit: RosterUnit,
  target: DutyTarget,
  leg: Leg,
): Promise<TargetResult> {
  const outcome = await ringLeg(
    { commands: ctx.commands, inbox: ctx.inbox, log: ctx.log, ringTimeoutMs: ctx.settings.ringTimeoutMs },
    {
      channelId: leg.id,
      endpoint: dialString(target.dial, ctx.settings.trunkTemplate),
      appArgs: [LEG_ARG, ctx.callId],
      originatorId: ctx.callId,
    },
    ctx.callId,
  );
  if (outcome.kind === 'failed') return outcome.reason;
  if (!target.confirmAnswer) return 'accepted';
  return confirmByOfficial(ctx, unit, leg);
}

/** A mobile's own voicemail must not "answer" a citizen: only a 1 from the official takes the call. */
async function confirmByOfficial(ctx: CallContext, unit: RosterUnit, leg: Leg): Promise<TargetResult> {
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
  // An official who hung up is being hung up by Asterisk already.
  if (result === 'not-confirmed') await hangupQuietly(ctx, leg.id);
  return result;
}

/**
 * Puts the caller and the official who took the call in the bridge made while the phones rang;
 * false when the official was already gone.
 */
async function joinBridge(ctx: CallContext, leg: Leg, bridgeId: string): Promise<boolean> {
  try {
    await ctx.commands.addToBridge(bridgeId, [ctx.callId, leg.id]);
    return true;
  } catch (error) {
    if (!(await legWasGone(leg, error))) throw error;
    return false;
  }
}

/**
 * The conversation, from the moment the official is in the bridge (the caller's announcement may still be
 * stopping), until the official hangs up (the caller hanging up ends the whole call).
 */
async function talk(
  ctx: CallContext,
  leg: Leg,
  target: DutyTarget,
  bridgeId: string,
  announcementCut: Promise<void>,
): Promise<ForwardResult> {
  ctx.facts.answered({ contactId: target.contactId, name: target.contactName });
  ctx.facts.enterStage('talking');
  ctx.checkpoint();
  // Whether the caller heard the recording notice to its end was settled when the announcement was cut.
  if (ctx.settings.recordCalls) {
    if (ctx.facts.heardRecordingNotice) await startCallRecording(ctx, bridgeId);
    else ctx.facts.note('recording.skipped', { reason: 'notice-not-heard' });
  }
  await announcementCut;
  await leg.ended;
  ctx.facts.talkEnded();
  ctx.facts.note('official.hung-up');
  await endConversation(ctx, bridgeId);
  return { kind: 'talked' };
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
 * The caller hears where the call goes (and the recording notice, when the greeting did not get
 * it heard), then ringback until an official takes the call or forwarding ends. It runs beside
 * the ringing, and an official who takes the call cuts it short: nobody who picks up waits for
 * the system to finish talking to someone else.
 */
class CallerSide {
  private readonly cut = new AbortController();
  private readonly announced: Promise<void>;
  private ringing: Promise<void> | undefined;
  private forwarding = true;

  constructor(
    private readonly ctx: CallContext,
    unit: RosterUnit,
  ) {
    this.announced = this.announce(unit);
    this.announced.catch(() => undefined);
  }

  private async announce(unit: RosterUnit): Promise<void> {
    const { ctx } = this;
    const options = { stopOnKey: false, cancel: this.cut.signal };
    if (ctx.settings.recordCalls && !ctx.facts.heardRecordingNotice) {
      const notice = await playToEnd(ctx, ctx.callId, [promptUri('recording-notice')], options);
      if (notice.kind === 'played') ctx.facts.recordingNoticeHeard();
    }
    await playToEnd(ctx, ctx.callId, transferringUris(unit.code), options);
    ctx.keys.clear(ctx.callId);
  }

  /** Ringback once the announcement is over (again after a bridge that did not happen). */
  startRingback(): void {
    this.forwarding = true;
    this.ringing ??= this.announced.then(() =>
      this.forwarding ? this.ctx.commands.startRinging(this.ctx.callId) : undefined,
    );
    this.ringing.catch(() => undefined);
  }

  /**
   * An official took the call: the announcement stops where it is (its stop is sent before this
   * returns its promise), and so does ringback.
   */
  async cutShort(): Promise<void> {
    this.cut.abort(WAIT_OVER);
    await this.stop();
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

/** The bridge the caller and an official will talk in, made while the first phone rings. */
function prepareBridge(ctx: CallContext): Promise<string> {
  const bridgeId = ctx.newId('bridge');
  ctx.resources.bridges.add(bridgeId);
  return ctx.commands.createBridge(bridgeId).then(() => bridgeId);
}

/**
 * Announces the unit and rings its on-duty targets one after another (then its fallback's), the
 * caller hearing ringback. The first target is dialed at once, while the announcement plays.
 * Busy, unreachable, rejected or unanswered moves on; the first to take the call is bridged with
 * the caller at once, the announcement cut short. A phone the PBX already knows to be unreachable
 * is skipped rather than rung for the whole ring timeout.
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
  let bridge: Promise<string> | undefined;
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
      bridge ??= prepareBridge(ctx);
      bridge.catch(() => undefined);
      caller.startRingback();
      let result = await ringing;
      if (result === 'accepted') {
        const bridgeId = await bridge;
        // The announcement's stop leaves first and the add right behind it, without waiting for the
        // stop's answer: Asterisk queues the add behind the playback on the caller's channel and
        // runs it the moment the playback ends, so the official hears the citizen at once.
        const cutting = caller.cutShort();
        cutting.catch(() => undefined);
        if (await joinBridge(ctx, leg, bridgeId)) {
          ctx.facts.targetTried(describeTarget(target), result);
          ctx.log.info('target rung', { target: describeTarget(target), result });
          const talked = await talk(ctx, leg, target, bridgeId, cutting);
          ctx.resources.legs.delete(leg.id);
          return talked;
        }
        await cutting;
        result = 'official-hung-up';
      }
      ctx.facts.targetTried(describeTarget(target), result);
      ctx.log.info('target rung', { target: describeTarget(target), result });
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
