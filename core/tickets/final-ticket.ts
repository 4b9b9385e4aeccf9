import { type CallTicketSnapshot, newCallSnapshot } from './call-ticket';

/**
 * A version above any a call's own writes reach: a ticket written after the call (a restart
 * closing it, the dialplan fallback's record) is final, and a write of an instance that died,
 * replayed from its outbox, can no longer reopen it.
 */
export const FINAL_IVR_VERSION = 1_000_000_000;

/**
 * The final snapshot of a call the IVR did not follow to its end: nothing known but what `known`
 * says, at the final version.
 */
export function finalSnapshot(
  known: Pick<CallTicketSnapshot, 'channelId' | 'callerNumber' | 'receivedAt' | 'outcome'> &
    Partial<CallTicketSnapshot>,
): CallTicketSnapshot {
  return { ...newCallSnapshot(known), ...known, version: FINAL_IVR_VERSION };
}
