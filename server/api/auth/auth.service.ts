import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../../../core/errors';
import {
  hashPassword,
  passwordProblem,
  verifyPassword,
  WeakPasswordError,
} from '../../../core/users/password';
import type { AuditRepository } from '../audit/audit.repo';
import { AccountLockedError, InvalidCredentialsError } from '../http/api-errors';
import type { AuthRepository } from './auth.repo';
import type { SessionCache } from './session-cache';
import type { CurrentSession } from './session-user';

export interface AuthSettings {
  /** Consecutive failed sign-ins that lock an account. */
  maxFailedLogins: number;
  lockoutMs: number;
  /** A session unused this long expires; each use pushes the expiry out again. */
  sessionIdleMs: number;
  /** No session lives longer than this, however active. */
  sessionMaxMs: number;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  maxFailedLogins: 5,
  lockoutMs: 15 * 60_000,
  sessionIdleMs: 12 * 3600_000,
  sessionMaxMs: 7 * 24 * 3600_000,
};

// Writing last_seen on every request would cost a write per click; once a minute is enough to slide.
const TOUCH_AFTER_MS = 60_000;

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** Verifying against this when the username is unknown makes both failures take the same time. */
const DUMMY_HASH = hashPassword(randomBytes(16).toString('hex'));

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class AuthService {
  constructor(
    private readonly repo: AuthRepository,
    private readonly audit: AuditRepository,
    private readonly sessions: SessionCache,
    private readonly settings: AuthSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Checks the password and opens a session; the token goes in the cookie and is never stored. */
  async login(
    username: string,
    password: string,
    client: ClientInfo,
  ): Promise<{ token: string; session: CurrentSession }> {
    const now = this.now();
    const candidate = await this.repo.findLoginCandidate(username);
    if (!candidate?.active) {
      await verifyPassword(password, await DUMMY_HASH);
      throw new InvalidCredentialsError();
    }
    if (candidate.lockedUntil && candidate.lockedUntil > now)
      throw new AccountLockedError(candidate.lockedUntil);
    if (!(await verifyPassword(password, candidate.passwordHash))) {
      const lockedUntil = new Date(now.getTime() + this.settings.lockoutMs);
      const locked = await this.repo.recordFailedLogin(
        candidate.id,
        this.settings.maxFailedLogins,
        lockedUntil,
      );
      await this.audit.record({
        userId: candidate.id,
        action: locked ? 'auth.lock' : 'auth.login-failed',
        entity: 'user',
        entityId: candidate.id,
        ip: client.ip,
      });
      if (locked) throw new AccountLockedError(locked);
      throw new InvalidCredentialsError();
    }
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
    return { token, session: { id, csrfToken, user } };
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
    const stored = await this.repo.passwordHashOf(session.user.id);
    if (!stored || !(await verifyPassword(currentPassword, stored))) {
      throw new ValidationError('Invalid body: currentPassword: is wrong', {
        issues: [{ path: 'currentPassword', message: 'is wrong' }],
      });
    }
    if (newPassword === currentPassword) {
      throw new ValidationError('Invalid body: newPassword: must differ from the current password', {
        issues: [{ path: 'newPassword', message: 'must differ from the current password' }],
      });
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
}

/** Compares the header with the session's token in constant time. */
export function csrfTokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
