import assert from 'node:assert/strict';
import type { StoredSession } from '../../server/api/auth/auth.repo';
import { SessionCache } from '../../server/api/auth/session-cache';

const T0 = Date.parse('2026-11-16T02:00:00Z');

function session(id: string, userId: number): StoredSession {
  return {
    id,
    csrfToken: `csrf-${id}`,
    createdAt: new Date(T0),
    lastSeenAt: new Date(T0),
    expiresAt: new Date(T0 + 3600_000),
    user: {
      id: userId,
      username: `u${userId}`,
      displayName: null,
      role: 'viewer',
      units: [],
      mustChangePassword: false,
      readsComplaints: false,
    },
  };
}

describe('session cache', () => {
  it('trusts a session for its TTL, then asks for it to be read again', () => {
    const cache = new SessionCache({ ttlMs: 10_000, maxEntries: 10 });
    cache.remember(session('a', 1), T0, cache.currentEpoch);
    assert.equal(cache.get('a', T0 + 9_999)?.id, 'a');
    assert.equal(cache.get('a', T0 + 10_000), undefined);
    assert.equal(cache.get('a', T0 + 1), undefined, 'an expired entry is dropped, not revived');
  });

  it('forgets one session, or every session of a user, on its notice', () => {
    const cache = new SessionCache({ ttlMs: 10_000, maxEntries: 10 });
    for (const [id, user] of [
      ['a', 1],
      ['b', 1],
      ['c', 2],
    ] as const) {
      cache.remember(session(id, user), T0, cache.currentEpoch);
    }
    cache.onNotice('session:c');
    assert.equal(cache.get('c', T0), undefined);
    cache.onNotice('user:1');
    assert.deepEqual(
      ['a', 'b'].map((id) => cache.get(id, T0)),
      [undefined, undefined],
    );
  });

  it('tells its listeners what each forget covered, local or announced', () => {
    const cache = new SessionCache({ ttlMs: 10_000, maxEntries: 10 });
    const changes: unknown[] = [];
    const unsubscribe = cache.onChange((change) => changes.push(change));
    cache.forgetSession('a');
    cache.onNotice('user:7');
    cache.onNotice('garbled');
    unsubscribe();
    cache.forgetAll();
    assert.deepEqual(changes, [{ kind: 'session', id: 'a' }, { kind: 'user', userId: 7 }, { kind: 'all' }]);
  });

  it('forgets everything on a notice it cannot read', () => {
    const cache = new SessionCache({ ttlMs: 10_000, maxEntries: 10 });
    cache.remember(session('a', 1), T0, cache.currentEpoch);
    cache.onNotice('user:not-a-number');
    assert.equal(cache.get('a', T0), undefined);
  });

  it('does not keep a read that began before a sign-out it crossed', () => {
    const cache = new SessionCache({ ttlMs: 10_000, maxEntries: 10 });
    const readStartedAt = cache.currentEpoch;
    cache.forgetSession('a');
    cache.remember(session('a', 1), T0, readStartedAt);
    assert.equal(cache.get('a', T0), undefined);
  });

  it('holds at most maxEntries, dropping the longest held first', () => {
    const cache = new SessionCache({ ttlMs: 10_000, maxEntries: 2 });
    for (const id of ['a', 'b', 'c']) cache.remember(session(id, 1), T0, cache.currentEpoch);
    assert.deepEqual(
      ['a', 'b', 'c'].map((id) => cache.get(id, T0)?.id),
      [undefined, 'b', 'c'],
    );
  });
});
