import { LEG_ID_PREFIX } from './outbound-legs';
import type { AppBridge, AppChannel } from './telephony.port';

/** What is done with channels that are in the app but belong to no call this instance runs. */
export type OrphanAction =
  /** A conversation (citizen and official, or a callback's two legs) that goes on until one leaves. */
  | { kind: 'keep-talking'; bridgeId: string; channelIds: string[]; citizen: AppChannel | null }
  /** A citizen in the menu or waiting for a phone: apology, then the dialplan fallback. */
  | { kind: 'hand-over'; citizen: AppChannel }
  /** An official's leg still ringing, or left alone in a bridge: hung up. */
  | { kind: 'hang-up'; channelId: string }
  /** A bridge nobody talks in any more. */
  | { kind: 'destroy-bridge'; bridgeId: string };

const isLeg = (channelId: string) => channelId.startsWith(LEG_ID_PREFIX);

/**
 * Decides, for what Asterisk still holds in the app that no live call owns, how the service takes
 * charge of it: nobody who is talking is cut off, nobody waiting is left in silence, and nothing
 * the app made is left behind. Pure: the caller lists the app and carries the actions out.
 */
export function planOrphans(channels: AppChannel[], bridges: AppBridge[]): OrphanAction[] {
  const byId = new Map(channels.map((channel) => [channel.id, channel]));
  const actions: OrphanAction[] = [];
  const settled = new Set<string>();
  for (const bridge of bridges) {
    const members = bridge.channelIds.filter((id) => byId.has(id));
    const citizens = members.filter((id) => !isLeg(id));
    if (members.length >= 2 && citizens.length <= 1) {
      const citizenId = citizens[0];
      actions.push({
        kind: 'keep-talking',
        bridgeId: bridge.id,
        channelIds: members,
        citizen: citizenId === undefined ? null : (byId.get(citizenId) ?? null),
      });
      for (const id of members) settled.add(id);
    } else {
      actions.push({ kind: 'destroy-bridge', bridgeId: bridge.id });
    }
  }
  for (const channel of channels) {
    if (settled.has(channel.id)) continue;
    actions.push(
      isLeg(channel.id)
        ? { kind: 'hang-up', channelId: channel.id }
        : { kind: 'hand-over', citizen: channel },
    );
  }
  return actions;
}
