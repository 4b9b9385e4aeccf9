import type { Logger } from '../../core/logger';
import type { RingFailure } from '../../core/tickets/timeline.vocabulary';
import type { EventInbox } from './event-inbox';
import { legEnded } from './outbound-legs';
import { quietly } from './quietly';
import { type NewLeg, type TelephonyCommands, TelephonyError, type TelephonyEvent } from './telephony.port';

export type { RingFailure } from '../../core/tickets/timeline.vocabulary';

export type RingOutcome = { kind: 'answered' } | { kind: 'failed'; reason: RingFailure };

/** What ringing a leg needs of the call (or callback) that places it. */
export interface RingContext {
  commands: TelephonyCommands;
  inbox: EventInbox;
  log: Logger;
  ringTimeoutMs: number;
}

/** Dial statuses that end a dial; Asterisk raises them for dialplan dials, and for some ARI ones. */
const DIAL_STATUS_FAILURE: Record<string, RingFailure> = {
  BUSY: 'busy',
  NOANSWER: 'no-answer',
  CANCEL: 'no-answer',
  CHANUNAVAIL: 'unavailable',
  CONGESTION: 'unavailable',
};

/** Asterisk's cause for a hangup the app itself asked for (AST_SOFTHANGUP_EXPLICIT): no verdict. */
const APP_REQUESTED_HANGUP = 32;

/**
 * The reason an unanswered leg ended, from its Q.850 cause: for a leg dialed through ARI, a busy or
 * declining phone raises no `Dial BUSY`; the cause comes on ChannelHangupRequest and ChannelDestroyed.
 */
export function ringFailureOf(cause: number | undefined): RingFailure {
  switch (cause) {
    case 17:
      return 'busy';
    case 21:
      return 'rejected';
    case 18:
    case 19:
      return 'no-answer';
    default:
      return 'unavailable';
  }
}

/** Grace beyond Asterisk's own dial timeout before the app gives up on a leg whose events were lost. */
const RING_GUARD_MS = 3000;
/** How long a created leg may take to enter the app before it counts as unavailable. */
const STASIS_ENTRY_TIMEOUT_MS = 5000;

/** The verdict an event gives on a ringing leg, or undefined when it gives none. */
function verdictOf(legId: string, event: TelephonyEvent): RingOutcome | undefined {
  const failed = (reason: RingFailure): RingOutcome => ({ kind: 'failed', reason });
  switch (event.type) {
    case 'Dial': {
      if (event.peerId !== legId) return undefined;
      if (event.status === 'ANSWER') return { kind: 'answered' };
      const reason = DIAL_STATUS_FAILURE[event.status];
      return reason ? failed(reason) : undefined;
    }
    case 'ChannelStateChange':
      return event.channelId === legId && event.state === 'Up' ? { kind: 'answered' } : undefined;
    case 'ChannelHangupRequest':
      return event.channelId === legId && event.cause !== undefined && event.cause !== APP_REQUESTED_HANGUP
        ? failed(ringFailureOf(event.cause))
        : undefined;
    case 'ChannelDestroyed':
      return event.channelId === legId ? failed(ringFailureOf(event.cause)) : undefined;
    default:
      return undefined;
  }
}

/**
 * A leg given up on may still be made: Asterisk carries out a create whose answer came too late,
 * and our DELETE, sent before the channel existed, only earned a 404. If it enters the app while
 * the call goes on, nobody dials or bridges it: hang it up then. (Once the call is over, the
 * router hangs up such strays itself.)
 */
function hangUpOnLateEntry(rc: RingContext, legId: string): void {
  const stop = rc.inbox.listen((event) => {
    if (event.type === 'StasisStart' && event.channel.id === legId) {
      stop();
      void quietly(rc.log, `leg ${legId} that entered after it was given up`, () =>
        rc.commands.hangup(legId),
      );
    } else if (legEnded(legId)(event)) stop();
  });
}

/**
 * Creates a tagged leg, waits for it to enter the app (a command on a leg not yet in Stasis is
 * refused with 409), dials it and waits for the answer or for the first event that carries why it
 * did not. A create Asterisk refuses ends the wait at once. Every wait is registered before the
 * command that causes it: Asterisk may raise the events before it answers the request. A leg that
 * did not answer is hung up before returning, unless Asterisk is hanging it up already.
 * A call that has ended creates no leg, and a leg whose create was answered after its call ended
 * (the caller's hangup, and the session's tear-down, overtook it) is hung up then.
 */
export async function ringLeg(
  rc: RingContext,
  leg: NewLeg,
  callerId: string | undefined,
): Promise<RingOutcome> {
  const legId = leg.channelId;
  rc.inbox.ensureOpen();
  const entered = rc.inbox.waitFor(
    (event) =>
      (event.type === 'StasisStart' && event.channel.id === legId) || verdictOf(legId, event) !== undefined,
    { timeoutMs: STASIS_ENTRY_TIMEOUT_MS },
  );
  entered.catch(() => undefined);
  const settled = rc.inbox.waitFor((event) => verdictOf(legId, event) !== undefined, {
    timeoutMs: STASIS_ENTRY_TIMEOUT_MS + rc.ringTimeoutMs + RING_GUARD_MS,
  });
  settled.catch(() => undefined);
  // A leg Asterisk is already hanging up (a busy or declining phone, a dial that timed out) needs no
  // DELETE from us: on a real Asterisk most such requests only earned a 404.
  let isEnding = false;
  const stopWatching = rc.inbox.listen((event) => {
    if (legEnded(legId)(event)) isEnding = true;
  });
  const failed = async (reason: RingFailure): Promise<RingOutcome> => {
    if (!isEnding) {
      hangUpOnLateEntry(rc, legId);
      await quietly(rc.log, `leg ${legId}`, () => rc.commands.hangup(legId));
    }
    return { kind: 'failed', reason };
  };
  try {
    try {
      // The leg is dialed as soon as it is in the app: its StasisStart often comes before the answer
      // to the create, and waiting for that answer too would only delay the official's phone.
      const creating = rc.commands.createLeg(leg);
      creating.then(
        () => {
          if (!rc.inbox.isOpen)
            void quietly(rc.log, `leg ${legId} of an ended call`, () => rc.commands.hangup(legId));
        },
        () => undefined,
      );
      const entry = await Promise.race([entered, creating.then(() => entered)]);
      if (entry === null) {
        rc.log.warn('leg never entered the app', { legId });
        return await failed('unavailable');
      }
      const early = verdictOf(legId, entry);
      if (early) return early.kind === 'answered' ? early : await failed(early.reason);
      await rc.commands.dial(legId, callerId, Math.max(1, Math.round(rc.ringTimeoutMs / 1000)));
    } catch (error) {
      if (!(error instanceof TelephonyError)) throw error;
      rc.log.warn('leg could not be dialed', { legId, error: error.message });
      return await failed('unavailable');
    }
    const event = await settled;
    const verdict = event ? verdictOf(legId, event) : undefined;
    if (verdict?.kind === 'answered') return verdict;
    return await failed(verdict?.reason ?? 'no-answer');
  } finally {
    stopWatching();
  }
}
