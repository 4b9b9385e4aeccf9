/**
 * Growing delays after failed sign-ins, after OWASP's Authentication Cheat Sheet: a few failures
 * are free, then each one doubles the wait before the next attempt is heard, up to a cap. Nobody
 * is locked out for long, and a stranger cannot keep an account shut: the owner's known device is
 * counted apart (device-cookie.ts).
 */
export interface BackoffPolicy {
  /** Failures in a row heard without delay; after that many, the next attempt waits firstDelayMs. */
  freeFailures: number;
  /** The first wait; each further failure doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A count left alone this long starts again from zero. */
  forgetAfterMs: number;
}

export interface FailureCount {
  failures: number;
  lastFailedAt: Date;
}

/** The wait imposed after `failures` failures in a row. */
export function backoffDelayMs(failures: number, policy: BackoffPolicy): number {
  const past = failures - policy.freeFailures;
  if (past < 0) return 0;
  // 2 ** past overflows to Infinity long after the cap; Math.min keeps it finite.
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** past);
}

/** How long from `now` until the next attempt is heard; 0 when it may go ahead. */
export function waitMs(count: FailureCount | undefined, policy: BackoffPolicy, now: Date): number {
  if (!count || isForgotten(count, policy, now)) return 0;
  const delay = backoffDelayMs(count.failures, policy);
  if (delay === 0) return 0;
  const until = count.lastFailedAt.getTime() + delay;
  return Math.max(0, until - now.getTime());
}

function isForgotten(count: FailureCount, policy: BackoffPolicy, now: Date): boolean {
  return now.getTime() - count.lastFailedAt.getTime() >= policy.forgetAfterMs;
}
