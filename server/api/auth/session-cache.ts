import type { StoredSession } from './auth.repo';

/** What the database announces (migration 20261201000100) when a session ends or its user changes. */
export const SESSIONS_CHANNEL = 'sessions_changed';

export interface SessionCacheSettings {
  /** How long a session read from the database is trusted without reading it again. */
  ttlMs: number;
  maxEntries: number;
}

export const DEFAULT_SESSION_CACHE: SessionCacheSettings = { ttlMs: 10_000, maxEntries: 10_000 };

/** What a forget covered: one session, every session of one user, or everything. */
export type SessionChange =
  | { kind: 'session'; id: string }
  | { kind: 'user'; userId: number }
  | { kind: 'all' };

interface Entry {
  session: StoredSession;
  untilMs: number;
}

/**
 * Sessions this instance resumed in the last few seconds, so a signed-in person's clicks do not
 * each pay a database round trip before their real query. Sign-outs and password changes here
 * forget at once; those elsewhere arrive as `sessions_changed` notices; the TTL bounds what a
 * lost notice can keep alive.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every forget: a read that began before one must not be cached after it. */
  private epoch = 0;
  private readonly changeListeners = new Set<(change: SessionChange) => void>();

  constructor(private readonly settings: SessionCacheSettings = DEFAULT_SESSION_CACHE) {}

  /** Taken before reading a session from the database, handed back to remember(). */
  get currentEpoch(): number {
    return this.epoch;
  }

  get(id: string, nowMs: number): StoredSession | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.untilMs > nowMs) return entry.session;
    this.entries.delete(id);
    return undefined;
  }

  remember(session: StoredSession, nowMs: number, readAtEpoch: number): void {
    if (readAtEpoch !== this.epoch) return;
    this.entries.delete(session.id);
    if (this.entries.size >= this.settings.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(session.id, { session, untilMs: nowMs + this.settings.ttlMs });
  }

  /**
   * Told after every forget, here or announced by another instance: what holds a session open
   * beyond one request (a live stream) checks it again at once.
   */
  onChange(listener: (change: SessionChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  forgetSession(id: string): void {
    this.epoch += 1;
    this.entries.delete(id);
    this.tell({ kind: 'session', id });
  }

  forgetUser(userId: number): void {
    this.epoch += 1;
    for (const [id, entry] of this.entries) if (entry.session.user.id === userId) this.entries.delete(id);
    this.tell({ kind: 'user', userId });
  }

  forgetAll(): void {
    this.epoch += 1;
    this.entries.clear();
    this.tell({ kind: 'all' });
  }

  private tell(change: SessionChange): void {
    for (const listener of this.changeListeners) listener(change);
  }

  /** A `sessions_changed` payload: 'session:<id>' or 'user:<id>'; anything else forgets everything. */
  onNotice(payload: string): void {
    const colon = payload.indexOf(':');
    const kind = payload.slice(0, colon);
    const value = payload.slice(colon + 1);
    if (kind === 'session' && value) this.forgetSession(value);
    else if (kind === 'user' && /^\d+$/.test(value)) this.forgetUser(Number(value));
    else this.forgetAll();
  }
}
