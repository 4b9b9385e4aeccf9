import { valueWithin } from '../../core/async/with-timeout';
import type { CallContext } from './call-context';
import { WAIT_OVER } from './event-inbox';
import { legEnded } from './outbound-legs';
import { TelephonyError, type TelephonyEvent } from './telephony.port';

/** How long a failed command on a leg waits for the leg's end event (it may trail the REST answer). */
const LEG_END_GRACE_MS = 1000;

/**
 * A leg the call created, with its end watched from creation: an official can hang up the instant
 * they answer, before the step that cares is listening. `ended` resolves with the end event, or
 * null once `release()` says the call is done with the leg.
 */
export interface Leg {
  id: string;
  ended: Promise<TelephonyEvent | null>;
  release(): void;
}

export function watchLeg(ctx: CallContext): Leg {
  const id = ctx.newId('leg');
  ctx.resources.legs.add(id);
  const released = new AbortController();
  const ended = ctx.inbox.waitFor(legEnded(id), { cancel: released.signal });
  ended.catch(() => undefined);
  return { id, ended, release: () => released.abort(WAIT_OVER) };
}

/** Whether a command failed because the official's leg is gone (then its end event comes soon). */
export async function legWasGone(leg: Leg, error: unknown): Promise<boolean> {
  if (!(error instanceof TelephonyError)) return false;
  return (await valueWithin(leg.ended, LEG_END_GRACE_MS)) !== null;
}
