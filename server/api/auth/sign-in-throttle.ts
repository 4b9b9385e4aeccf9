import { accountFailureKey } from '../../../core/users/account-key';
import { type BackoffPolicy, waitMs } from './sign-in-backoff';
import type { SignInFailuresRepository } from './sign-in-failures.repo';

export interface ThrottleSettings {
  /** Per user name, known or not; per known device instead when the attempt carries its cookie. */
  account: BackoffPolicy;
  /** Per client address: looser, since an office may sit behind one address. */
  address: BackoffPolicy;
}

export interface AttemptOrigin {
  username: string;
  ip: string | null;
  /** The nonce of a valid device cookie of this very account, if the attempt carries one. */
  deviceNonce: string | null;
}

interface ThrottleKey {
  key: string;
  policy: BackoffPolicy;
  /** Whether a successful sign-in clears it (not the address's: one good account must not reset it). */
  isClearedBySuccess: boolean;
}

/**
 * Which counts a sign-in attempt (or a check of the current password) is held back by and adds to.
 * A known device (OWASP's device cookie) is counted on its own: failures by strangers against the
 * account, or from the same address (a ward office behind one NAT), do not delay its owner.
 */
export function throttleKeysOf(origin: AttemptOrigin, settings: ThrottleSettings): ThrottleKey[] {
  if (origin.deviceNonce !== null)
    return [{ key: `device:${origin.deviceNonce}`, policy: settings.account, isClearedBySuccess: true }];
  return [
    { key: accountFailureKey(origin.username), policy: settings.account, isClearedBySuccess: true },
    { key: `address:${origin.ip ?? 'unknown'}`, policy: settings.address, isClearedBySuccess: false },
  ];
}

/** The back-off, counted in PostgreSQL so that every instance holds the same attempts back. */
export class SignInThrottle {
  constructor(
    private readonly repo: SignInFailuresRepository,
    private readonly settings: ThrottleSettings,
  ) {}

  keysOf(origin: AttemptOrigin): ThrottleKey[] {
    return throttleKeysOf(origin, this.settings);
  }

  /**
   * The longest wait any of the keys imposes from `now` (0: go ahead). An attempt let through is
   * counted as a failure at once, under a lock, so parallel attempts cannot slip past the count;
   * recordSuccess takes it back.
   */
  async claim(keys: readonly ThrottleKey[], now: Date): Promise<number> {
    const counted = keys.map((k) => ({
      key: k.key,
      forgetBefore: new Date(now.getTime() - k.policy.forgetAfterMs),
    }));
    return this.repo.claim(counted, now, (counts) =>
      Math.max(0, ...keys.map((k) => waitMs(counts.get(k.key), k.policy, now))),
    );
  }

  /**
   * Clears the account's (or device's) count, takes the address's claimed failure back, and drops
   * counts old enough to be forgotten.
   */
  async recordSuccess(keys: readonly ThrottleKey[], now: Date): Promise<void> {
    await this.repo.forget(keys.filter((k) => k.isClearedBySuccess).map((k) => k.key));
    await this.repo.uncount(keys.filter((k) => !k.isClearedBySuccess).map((k) => k.key));
    const longest = Math.max(this.settings.account.forgetAfterMs, this.settings.address.forgetAfterMs);
    await this.repo.deleteOlderThan(new Date(now.getTime() - longest));
  }
}
