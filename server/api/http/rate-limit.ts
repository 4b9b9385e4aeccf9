import type { RequestHandler } from 'express';
import { TooManyAttemptsError } from './api-errors';

export interface RateLimitSettings {
  /** Attempts allowed per key within the window. */
  max: number;
  windowMs: number;
}

/**
 * Fixed-window counter per key (the client's IP for sign-in), held in this process's memory. With
 * several instances behind a load balancer each keeps its own count, so the effective limit is
 * max × instances; the back-off of failed sign-ins (auth/sign-in-throttle.ts), stored in PostgreSQL,
 * is the limit that holds across them.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Counts one attempt; null when allowed, else the seconds until the window resets. */
  hit(key: string): number | null {
    const now = this.now().getTime();
    this.#forgetExpired(now);
    const window = this.#windows.get(key);
    if (!window) {
      this.#windows.set(key, { startedAt: now, count: 1 });
      return null;
    }
    window.count += 1;
    if (window.count <= this.settings.max) return null;
    return Math.max(1, Math.ceil((window.startedAt + this.settings.windowMs - now) / 1000));
  }

  /** Without counting: the seconds until the window resets when the key has used up its attempts, else null. */
  blockedFor(key: string): number | null {
    const now = this.now().getTime();
    this.#forgetExpired(now);
    const window = this.#windows.get(key);
    if (!window || window.count < this.settings.max) return null;
    return Math.max(1, Math.ceil((window.startedAt + this.settings.windowMs - now) / 1000));
  }

  #forgetExpired(now: number): void {
    for (const [key, window] of this.#windows) {
      if (now - window.startedAt >= this.settings.windowMs) this.#windows.delete(key);
    }
  }
}

/** Refuses a request past the limit for its client address with 429 and Retry-After. */
export function rateLimitByIp(limiter: RateLimiter): RequestHandler {
  return (req, _res, next) => {
    const retryAfterSeconds = limiter.hit(req.ip ?? 'unknown');
    if (retryAfterSeconds !== null) throw new TooManyAttemptsError(retryAfterSeconds);
    next();
  };
}
