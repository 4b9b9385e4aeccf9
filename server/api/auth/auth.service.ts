import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { issue, ValidationError } from '../../../core/errors';
import {
  hashPassword,
  passwordProblem,
  verifyPassword,
  WeakPasswordError,
} from '../../../core/users/password';
import type { AuditRepository } from '../audit/audit.repo';
import { InvalidCredentialsError, TooManyAttemptsError } from '../http/api-errors';
import type { AuthRepository } from './auth.repo';
import type { DeviceCookies } from './device-cookie';
import type { SessionCache } from './session-cache';
import type { CurrentSession } from './session-user';
import type { AttemptOrigin, SignInThrottle, ThrottleSettings } from './sign-in-throttle';

export interface AuthSettings {
  /** Back-off after failed sign-ins (and wrong current passwords), per account or device and per address. */
  backoff: ThrottleSettings;
  /** How long a "known device" cookie is honoured after the sign-in that set it. */
  deviceCookieMaxAgeMs: number;
  /** A session unused this long expires; each use pushes the expiry out again. */
  sessionIdleMs: number;
  /** No session lives longer than this, however active. */
  sessionMaxMs: number;
}

const DAY_MS = 24 * 3600_000;

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  backoff: {
    account: { freeFailures: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: DAY_MS },
    address: { freeFailures: 20, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: DAY_MS },
  },
  deviceCookieMaxAgeMs: 90 * DAY_MS,
  sessionIdleMs: 12 * 3600_000,
  sessionMaxMs: 7 * 24 * 3600_000,
};

// Writing last_seen on every request would cost a write per click; once a minute is enough to slide.
const TOUCH_AFTER_MS = 60_000;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  /** The "known device" cookie the request carried, unchecked. */
  deviceToken: string | undefined;
}

export interface SignedIn {
  token: string;
  session: CurrentSession;
  /** A fresh "known device" cookie for the browser that signed in. */
  deviceToken: string;
}

/** Verifying against this when the username is unknown makes both failures take the same time. */
const DUMMY_HASH = hashPassword(randomBytes(16).toString('hex'));

export function sessionIdOf(token: string): string {
  // The one-shot hash: every API request hashes its cookie, and a Hash object costs twice as much.
  return hash('sha256', token, 'hex');
}

export class AuthService {
  constructor(
    private readonly repo: AuthRepository,
    private readonly audit: AuditRepository,
    private readonly sessions: SessionCache,
    private readonly throttle: SignInThrottle,
    private readonly devices: DeviceCookies,
    private readonly settings: AuthSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Checks the password and opens a session; the token goes in the cookie and is never stored. An
   * attempt held back by the back-off gets the same answer whether the user exists or not, without
   * a password check in either case.
   */
  async login(username: string, password: string, client: ClientInfo): Promise<SignedIn> {
    const now = this.now();
    const candidate = await this.repo.findLoginCandidate(username);
    const device = await this.devices.verify(client.deviceToken, now);
    const origin: AttemptOrigin = {
      username,
      ip: client.ip,
      deviceNonce: candidate?.active && device?.userId === candidate.id ? device.nonce : null,
    };
    const keys = await this.holdBack(origin, now);
    if (!candidate?.active) {
      await verifyPassword(password, await DUMMY_HASH);
      throw new InvalidCredentialsError();
    }
    if (!(await verifyPassword(password, candidate.passwordHash))) {
      await this.audit.record({
        userId: candidate.id,
        action: 'auth.login-failed',
        entity: 'user',
        entityId: candidate.id,
        ip: client.ip,
      });
      throw new InvalidCredentialsError();
    }
    await this.throttle.recordSuccess(keys, now);
    await this.repo.recordSuccessfulLogin(candidate.id, now);
    await this.repo.deleteExpiredSessions(now);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const id = sessionIdOf(token);
    await this.repo.createSession({
      id,
      userId: candidate.id,
      csrfToken,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.settings.sessionIdleMs),
      ...client,
    });
    await this.audit.record({
      userId: candidate.id,
      action: 'auth.login',
      entity: 'user',
      entityId: candidate.id,
      ip: client.ip,
    });
    const user = await this.repo.findUser(candidate.id);
    if (!user) throw new Error(`user ${candidate.id} vanished while signing in`);
    return {
      token,
      session: { id, csrfToken, user },
      deviceToken: await this.devices.issue(candidate.id, now),
    };
  }

  /**
   * The session a cookie token opens, sliding its expiry; undefined when unknown or expired. A
   * session read in the last few seconds is taken from the cache; one whose cached expiry has
   * passed is read again, since another instance may have slid it.
   */
  async resume(token: string): Promise<CurrentSession | undefined> {
    const now = this.now();
    const nowMs = now.getTime();
    const id = sessionIdOf(token);
    let stored = this.sessions.get(id, nowMs);
    if (!stored || stored.expiresAt <= now) {
      const epoch = this.sessions.currentEpoch;
      stored = await this.repo.findSession(id);
      if (!stored || stored.expiresAt <= now) return undefined;
      this.sessions.remember(stored, nowMs, epoch);
    }
    const hardEnd = stored.createdAt.getTime() + this.settings.sessionMaxMs;
    if (hardEnd <= nowMs) return undefined;
    if (nowMs - stored.lastSeenAt.getTime() >= TOUCH_AFTER_MS) {
      const epoch = this.sessions.currentEpoch;
      const expiresAt = new Date(Math.min(nowMs + this.settings.sessionIdleMs, hardEnd));
      await this.repo.touchSession(stored.id, now, expiresAt);
      this.sessions.remember({ ...stored, lastSeenAt: now, expiresAt }, nowMs, epoch);
    }
    return { id: stored.id, csrfToken: stored.csrfToken, user: stored.user };
  }

  async logout(session: CurrentSession, client: ClientInfo): Promise<void> {
    await this.repo.deleteSession(session.id);
    this.sessions.forgetSession(session.id);
    await this.audit.record({
      userId: session.user.id,
      action: 'auth.logout',
      entity: 'user',
      entityId: session.user.id,
      ip: client.ip,
    });
  }

  /** Changes the password and signs out every other session of the user. */
  async changePassword(
    session: CurrentSession,
    currentPassword: string,
    newPassword: string,
    client: ClientInfo,
  ): Promise<void> {
    const now = this.now();
    const device = await this.devices.verify(client.deviceToken, now);
    const keys = await this.holdBack(
      {
        username: session.user.username,
        ip: client.ip,
        deviceNonce: device?.userId === session.user.id ? device.nonce : null,
      },
      now,
    );
    const stored = await this.repo.passwordHashOf(session.user.id);
    if (!stored || !(await verifyPassword(currentPassword, stored))) {
      await this.audit.record({
        userId: session.user.id,
        action: 'auth.password-check-failed',
        entity: 'user',
        entityId: session.user.id,
        ip: client.ip,
      });
      throw new ValidationError('body', [issue('currentPassword', 'wrong-password', 'is wrong')]);
    }
    await this.throttle.recordSuccess(keys, now);
    if (newPassword === currentPassword) {
      throw new ValidationError('body', [
        issue('newPassword', 'same-password', 'must differ from the current password'),
      ]);
    }
    const problem = passwordProblem(newPassword, [session.user.username, session.user.displayName ?? '']);
    if (problem) throw new WeakPasswordError('newPassword', problem);
    await this.repo.setPassword(session.user.id, await hashPassword(newPassword));
    await this.repo.deleteOtherSessions(session.user.id, session.id);
    this.sessions.forgetUser(session.user.id);
    await this.audit.record({
      userId: session.user.id,
      action: 'auth.password-change',
      entity: 'user',
      entityId: session.user.id,
      ip: client.ip,
    });
  }

  /**
   * The attempt's throttle keys, the attempt already counted as a failure of each until
   * recordSuccess; throws 429 while any of them is backing off.
   */
  private async holdBack(origin: AttemptOrigin, now: Date) {
    const keys = this.throttle.keysOf(origin);
    const wait = await this.throttle.claim(keys, now);
    if (wait > 0) throw new TooManyAttemptsError(Math.ceil(wait / 1000));
    return keys;
  }
}

/** Compares the header with the session's token in constant time. */
export function csrfTokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
