import type { CallOutcome, CallStage } from './call-ticket';

/** How long a ticket that needs a callback may wait for it. */
export const CALLBACK_DUE_MS = 24 * 3600 * 1000;

/** A voicemail shorter than this is a caller hanging up at the beep, not a message. */
export const MIN_VOICEMAIL_SECONDS = 2;

/** When the callback of a ticket that needs one, ended at `endedAt`, is due. */
export function callbackDueAt(endedAt: Date): Date {
  return new Date(endedAt.getTime() + CALLBACK_DUE_MS);
}

export function isUsableVoicemail(seconds: number): boolean {
  return seconds >= MIN_VOICEMAIL_SECONDS;
}

/** "Not satisfied" (3) asks for a callback at once, before the call has even ended. */
export function ratingNeedsCallback(rating: 1 | 2 | 3 | null): boolean {
  return rating === 3;
}

/** Why the call flow stopped: the caller left, it ran to its end, or something broke. */
export type EndReason = 'caller-hung-up' | 'completed' | 'failed';

/** What a call's facts say at its end, all the verdict needs. */
export interface CallEnding {
  reason: EndReason;
  /** The stage the call was in when it ended. */
  stage: CallStage;
  answered: boolean;
  /** A voicemail long enough to be a message was left. */
  usableVoicemail: boolean;
  /** At least one official's phone was rung (or skipped as unreachable). */
  anyTargetTried: boolean;
  /** Unknown codes typed in the menu (silence does not count). */
  invalidEntries: number;
  rating: 1 | 2 | 3 | null;
  endedAt: Date;
}

export interface CallVerdict {
  outcome: CallOutcome;
  /** The stage an abandoned call was left in; null for any other outcome. */
  abandonedStage: CallStage | null;
  needsCallback: boolean;
  dueAt: Date | null;
}

function outcomeOf(call: CallEnding): CallOutcome {
  if (call.answered) return 'answered';
  if (call.usableVoicemail) return 'voicemail';
  if (call.reason === 'failed') return 'failed';
  if (call.stage === 'voicemail') return 'missed';
  if (call.reason === 'completed') return call.anyTargetTried ? 'missed' : 'failed';
  if (call.stage === 'menu' && call.invalidEntries > 0) return 'invalid_input';
  return 'abandoned';
}

/**
 * What a call means for its ticket: the outcome, and whether someone must call the citizen back
 * (a message left, nobody answered, the caller gave up while phones rang, or "not satisfied").
 */
export function callVerdict(call: CallEnding): CallVerdict {
  const outcome = outcomeOf(call);
  const needsCallback =
    ratingNeedsCallback(call.rating) ||
    outcome === 'voicemail' ||
    outcome === 'missed' ||
    (outcome === 'abandoned' && call.stage === 'ringing');
  return {
    outcome,
    abandonedStage: outcome === 'abandoned' ? call.stage : null,
    needsCallback,
    dueAt: needsCallback ? callbackDueAt(call.endedAt) : null,
  };
}
