import { randomUUID } from 'node:crypto';
import { normalizeVietnamesePhone } from '../../core/domain/phone';
import type { Logger } from '../../core/logger';
import type { InterruptedCall } from '../../core/tickets/interrupted-calls.repo';
import { promptUri } from '../prompts/catalogue';
import type { CallOwner, CallRouter, PresentChannels } from './call-router';
import { HANDED_OVER_TARGET } from './dialplan-contract';
import { EventInbox } from './event-inbox';
import type { LiveCall } from './live-status';
import { type OrphanAction, planOrphans } from './orphans.plan';
import { quietly } from './quietly';
import type { AppBridge, AppChannel, TelephonyCommands, TelephonyEvent } from './telephony.port';

/** Where the tickets of calls taken over after a restart are closed (never rejects). */
export interface InterruptedCallSink {
  close(call: InterruptedCall): Promise<void>;
  /** Closes open tickets of calls from before `openBefore` whose channel is not in `stillHere`. */
  closeVanished(openBefore: Date, stillHere: ReadonlySet<string>): Promise<void>;
}

/** How long the apology may take before the citizen is handed to the dialplan anyway. */
const APOLOGY_GUARD_MS = 15_000;

const RESTARTED = { kind: 'service.restarted' as const, data: {} };

const isEnd = (ids: ReadonlySet<string>) => (event: TelephonyEvent) =>
  (event.type === 'StasisEnd' ||
    event.type === 'ChannelHangupRequest' ||
    event.type === 'ChannelDestroyed') &&
  ids.has(event.channelId);

function callerNumberOf(channel: AppChannel): string | null {
  const parsed = normalizeVietnamesePhone(channel.callerNumber);
  return parsed.ok ? parsed.e164 : channel.callerNumber.trim() || null;
}

/** Channels and a bridge this instance took charge of after a restart, until they end. */
class TakenOverCall implements CallOwner {
  private readonly over = new AbortController();
  readonly inbox = new EventInbox(this.over.signal);

  constructor(
    private readonly channelIds: ReadonlySet<string>,
    private readonly citizen: AppChannel | null,
    private readonly stage: 'talking' | 'greeting',
  ) {}

  deliver(event: TelephonyEvent): void {
    this.inbox.deliver(event);
  }

  async reconcile(present: PresentChannels): Promise<void> {
    for (const channelId of this.channelIds)
      if (!present.has(channelId)) this.deliver({ type: 'StasisEnd', channelId });
  }

  liveCall(): LiveCall {
    const first = [...this.channelIds][0] ?? '';
    return {
      callId: this.citizen?.id ?? first,
      kind: 'citizen',
      stage: this.stage,
      since: this.citizen?.createdAt ?? new Date(),
      receivedAt: this.citizen?.createdAt ?? new Date(),
      callerNumber: this.citizen ? callerNumberOf(this.citizen) : null,
      unit: null,
      party: null,
    };
  }

  end(): void {
    this.over.abort(new Error('taken-over call ended'));
  }
}

export interface OrphanRecoveryDeps {
  commands: TelephonyCommands;
  router: CallRouter;
  interruptedCalls: InterruptedCallSink;
  logger: Logger;
}

/**
 * Takes charge of what a restart left in the Stasis app (the instance that owned it died, or this
 * one lost its event stream): a conversation goes on and its ticket is completed when it ends, a
 * citizen still in the menu or waiting hears an apology and goes to the dialplan fallback, an
 * official's phone still ringing is hung up. Every ticket says the service restarted.
 */
export class OrphanRecovery {
  constructor(private readonly deps: OrphanRecoveryDeps) {}

  /** Carries out the plan for the channels no live call owns; resolves once each is in hand. */
  async takeCharge(channels: AppChannel[], bridges: AppBridge[]): Promise<void> {
    const actions = planOrphans(channels, bridges);
    if (actions.length === 0) return;
    this.deps.logger.warn('taking charge of channels a restart left in the Stasis app', {
      channels: channels.map((channel) => channel.id),
      bridges: bridges.map((bridge) => `${bridge.id} [${bridge.channelIds.join(', ')}]`),
      actions: actions.map((action) => action.kind),
    });
    await Promise.all(actions.map((action) => this.carryOut(action)));
  }

  private async carryOut(action: OrphanAction): Promise<void> {
    const { commands, logger } = this.deps;
    switch (action.kind) {
      case 'hang-up':
        return quietly(logger, `orphan leg ${action.channelId}`, () => commands.hangup(action.channelId));
      case 'destroy-bridge':
        return quietly(logger, `orphan bridge ${action.bridgeId}`, () =>
          commands.destroyBridge(action.bridgeId),
        );
      case 'hand-over':
        return this.handOver(action.citizen);
      case 'keep-talking':
        // Not awaited: the conversation may last an hour; the router carries it meanwhile.
        void this.keepTalking(action.bridgeId, action.channelIds, action.citizen);
        return;
    }
  }

  private async handOver(citizen: AppChannel): Promise<void> {
    const { commands, router, logger } = this.deps;
    const call = new TakenOverCall(new Set([citizen.id]), citizen, 'greeting');
    let handedOver = false;
    await router.carry(call, async () => {
      router.claim(call, citizen.id);
      const playbackId = `playback-${randomUUID()}`;
      router.claim(call, playbackId);
      const gone = call.inbox.waitFor(isEnd(new Set([citizen.id])));
      gone.catch(() => undefined);
      const finished = call.inbox.waitFor(
        (event) => event.type === 'PlaybackFinished' && event.playbackId === playbackId,
        { timeoutMs: APOLOGY_GUARD_MS },
      );
      finished.catch(() => undefined);
      try {
        await commands.answer(citizen.id);
        await commands.playOnChannel(citizen.id, playbackId, [promptUri('sorry-error')]);
        const first = await Promise.race([finished, gone.then(() => 'gone' as const)]);
        if (first === 'gone') return;
        await commands.continueInDialplan(citizen.id, HANDED_OVER_TARGET);
        handedOver = true;
      } catch (error) {
        logger.warn('could not hand a citizen left by a restart to the dialplan', {
          callId: citizen.id,
          error: (error as Error).message,
        });
      } finally {
        call.end();
      }
    });
    await this.closeTicket(citizen, {
      outcomeIfUnanswered: handedOver ? 'failed' : 'abandoned',
      endedBy: handedOver ? 'system' : 'caller',
      steps: [RESTARTED, ...(handedOver ? [{ kind: 'handed-to-dialplan' as const, data: {} }] : [])],
    });
  }

  private async keepTalking(
    bridgeId: string,
    channelIds: string[],
    citizen: AppChannel | null,
  ): Promise<void> {
    const { commands, router, logger } = this.deps;
    const ids = new Set(channelIds);
    const call = new TakenOverCall(ids, citizen, 'talking');
    let endedBy: 'caller' | 'official' = 'official';
    await router.carry(call, async () => {
      for (const id of [...ids, bridgeId]) router.claim(call, id);
      try {
        const first = await call.inbox.waitFor(isEnd(ids));
        if (first && 'channelId' in first && first.channelId === citizen?.id) endedBy = 'caller';
      } catch {
        // The call was ended from outside: its channels are torn down below all the same.
      }
      await Promise.all(channelIds.map((id) => quietly(logger, `channel ${id}`, () => commands.hangup(id))));
      await quietly(logger, `bridge ${bridgeId}`, () => commands.destroyBridge(bridgeId));
      call.end();
    });
    if (citizen)
      await this.closeTicket(citizen, { outcomeIfUnanswered: 'abandoned', endedBy, steps: [RESTARTED] });
  }

  private async closeTicket(
    citizen: AppChannel,
    how: Pick<InterruptedCall, 'outcomeIfUnanswered' | 'endedBy' | 'steps'>,
  ): Promise<void> {
    await this.deps.interruptedCalls.close({
      channelId: citizen.id,
      callerNumber: callerNumberOf(citizen),
      receivedAt: citizen.createdAt,
      endedAt: new Date(),
      ...how,
    });
  }
}
