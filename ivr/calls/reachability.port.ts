/** What the PBX last said about a phone: registered and answering qualify, gone, or no idea. */
export const REACHABILITIES = ['reachable', 'unreachable', 'unknown'] as const;
export type Reachability = (typeof REACHABILITIES)[number];

/**
 * Whether a phone can be rung at all, as the AMI monitor sees it. The call flow only acts on
 * 'unreachable'; everything else rings as before.
 */
export interface ReachabilityView {
  reachability(endpointName: string): Reachability;
}

/** When AMI is not configured: nothing is known, so every target rings. */
export const NOTHING_KNOWN: ReachabilityView = { reachability: () => 'unknown' };
