import type { Logger } from '../../core/logger';
import { LEG_ID_PREFIX } from './outbound-legs';
import { quietly } from './quietly';
import type { AppBridge, AppChannel, TelephonyCommands } from './telephony.port';

/** What one sweep found unowned, and what of it is removed now. */
export interface SweepPlan {
  /** Everything unowned now; the next sweep removes what is still in it. */
  unowned: Set<string>;
  legs: string[];
  bridges: string[];
}

/**
 * Which of the app's legs and bridges no live call owns, and which of those were already unowned at
 * the previous sweep: only these are removed, so a leg or bridge between its create and its claim
 * (or a conversation being taken over) is never touched. Citizens' channels are left alone: a
 * citizen nobody owns is handed over by the restart recovery, never hung up by a sweep. Pure.
 */
export function planSweep(
  channels: AppChannel[],
  bridges: AppBridge[],
  owns: (id: string) => boolean,
  unownedBefore: ReadonlySet<string>,
): SweepPlan {
  const legs = channels
    .map((channel) => channel.id)
    .filter((id) => id.startsWith(LEG_ID_PREFIX) && !owns(id));
  const emptyBridges = bridges.filter((bridge) => !owns(bridge.id)).map((bridge) => bridge.id);
  const unowned = new Set([...legs, ...emptyBridges]);
  return {
    unowned,
    legs: legs.filter((id) => unownedBefore.has(id)),
    bridges: emptyBridges.filter((id) => unownedBefore.has(id)),
  };
}

export interface StraySweepDeps {
  commands: Pick<TelephonyCommands, 'appSnapshot' | 'hangup' | 'destroyBridge'>;
  owns: (id: string) => boolean;
  logger: Logger;
}

/**
 * Removes, every so often, what the app made and nobody owns any more: a leg or bridge whose
 * create Asterisk carried out after the service had given up on it (an overloaded Asterisk answers
 * after the command timeout, and the DELETE sent then found nothing). Nothing is left on Asterisk.
 */
export class StraySweep {
  private unowned = new Set<string>();

  constructor(private readonly deps: StraySweepDeps) {}

  async sweep(): Promise<void> {
    const { commands, owns, logger } = this.deps;
    const { channels, bridges } = await commands.appSnapshot();
    const plan = planSweep(channels, bridges, owns, this.unowned);
    this.unowned = plan.unowned;
    if (plan.legs.length + plan.bridges.length === 0) return;
    logger.warn('removing legs and bridges no call owns', { legs: plan.legs, bridges: plan.bridges });
    await Promise.all([
      ...plan.legs.map((id) => quietly(logger, `stray leg ${id}`, () => commands.hangup(id))),
      ...plan.bridges.map((id) => quietly(logger, `stray bridge ${id}`, () => commands.destroyBridge(id))),
    ]);
  }

  /** After a reconnect the restart recovery has taken charge: what was seen before means nothing. */
  forget(): void {
    this.unowned = new Set();
  }
}
