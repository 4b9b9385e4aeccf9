/** What a far end does when the app dials it. Build them with the helpers below. */
export type EndpointBehaviour =
  | { kind: 'answers'; afterMs: number; hangsUpAfterMs?: number; pressKeys?: KeyPresses }
  | { kind: 'busy'; afterMs: number }
  | { kind: 'rejects'; afterMs: number }
  | { kind: 'unreachable' }
  | { kind: 'unregistered' }
  | { kind: 'neverAnswers' };

export interface KeyPresses {
  keys: string;
  afterMs: number;
  gapMs?: number;
}

interface AnswerOptions {
  afterMs?: number;
  /** The far end hangs up this long after answering. */
  hangsUpAfterMs?: number;
  /** Keys pressed after answering (answer confirmation: '1' accepts). */
  pressKeys?: string | KeyPresses;
}

export function answers(options: AnswerOptions = {}): EndpointBehaviour {
  const { pressKeys } = options;
  return {
    kind: 'answers',
    afterMs: options.afterMs ?? 0,
    ...(options.hangsUpAfterMs !== undefined && { hangsUpAfterMs: options.hangsUpAfterMs }),
    ...(pressKeys !== undefined && {
      pressKeys: typeof pressKeys === 'string' ? { keys: pressKeys, afterMs: 20 } : pressKeys,
    }),
  };
}

/** 486 Busy Here: a /dial leg hangs up with cause 17 (an originate reports Dial BUSY). */
export const busy = (afterMs = 0): EndpointBehaviour => ({ kind: 'busy', afterMs });
/** The official declines the call while it rings (603): a /dial leg hangs up with cause 21. */
export const rejects = (afterMs = 0): EndpointBehaviour => ({ kind: 'rejects', afterMs });
/** Registered contact that does not respond: the dial fails at once, cause 20. */
export const unreachable = (): EndpointBehaviour => ({ kind: 'unreachable' });
/** No contact at all: Asterisk cannot even create the channel (500 "Allocation failed"). */
export const unregistered = (): EndpointBehaviour => ({ kind: 'unregistered' });
/** Rings until the app's dial timeout (soft hangup, cause 19). The default for unknown endpoints. */
export const neverAnswers = (): EndpointBehaviour => ({ kind: 'neverAnswers' });
