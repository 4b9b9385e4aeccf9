import type { DialTarget } from '../../core/domain/dial-target';

/** What the PBX last said about a phone: registered and answering qualify, gone, or no idea. */
export type Reachability = 'reachable' | 'unreachable' | 'unknown';

/**
 * Whether a phone can be rung at all, as the AMI monitor sees it. The call flow only acts on
 * 'unreachable'; everything else rings as before.
 */
export interface ReachabilityView {
  reachability(endpointName: string): Reachability;
}

/** When AMI is not configured: nothing is known, so every target rings. */
export const NOTHING_KNOWN: ReachabilityView = { reachability: () => 'unknown' };

/**
 * The PJSIP endpoint whose contacts decide whether `dial` can ring: `PJSIP/ward1` → `ward1`.
 * Phone numbers leave through the trunk (their reachability is the carrier's) and endpoints
 * written with a destination (`PJSIP/101@trunk`) or another technology are not tracked: null.
 */
export function amiEndpointOf(dial: DialTarget): string | null {
  if (dial.kind !== 'endpoint') return null;
  const match = /^PJSIP\/([^@/]+)$/.exec(dial.endpoint);
  return match?.[1] ?? null;
}
