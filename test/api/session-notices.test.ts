import assert from 'node:assert/strict';
import type { NotificationListener } from '../../core/db/notification-listener';
import { SessionCache } from '../../server/api/auth/session-cache';
import { POSTGRES_SERVER_AVAILABLE } from '../support/database';
import { type ApiHarness, apiHarness, listenForSessionNotices, type SignedIn } from './api.fixture';

/** Polls until `check` holds; sessions_changed arrives in milliseconds, the cache's TTL is 10 s. */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Instances share one PostgreSQL server; the database itself announces what ends a session.
if (POSTGRES_SERVER_AVAILABLE) {
  describe('API sessions changed outside this instance', () => {
    let h: ApiHarness;
    let listener: NotificationListener;
    const cache = new SessionCache();

    before(async () => {
      h = await apiHarness({ sessionCache: cache });
      listener = await listenForSessionNotices(h, cache);
    });
    after(async () => {
      await listener?.stop();
      await h?.test.drop();
    });

    async function signedInAndCached(username: string): Promise<SignedIn> {
      const signedIn = await h.signIn(username);
      await signedIn.agent.get('/api/v1/auth/me').expect(200);
      return signedIn;
    }

    const refused = (signedIn: SignedIn) => async () =>
      (await signedIn.agent.get('/api/v1/auth/me')).status === 401;

    it('refuses a session signed out elsewhere (its row deleted), well before the cache would let go', async () => {
      await h.user('elsewhere', 'viewer');
      const signedIn = await signedInAndCached('elsewhere');
      await h.knex('sessions').delete();
      await eventually(refused(signedIn), 'the deleted session is refused');
    });

    it('refuses the sessions of a user deactivated by a script', async () => {
      const id = await h.user('leaver', 'admin');
      const signedIn = await signedInAndCached('leaver');
      await h.knex('users').where({ id }).update({ active: false });
      await eventually(refused(signedIn), 'the deactivated user is refused');
    });

    it("narrows a ward official's scope as soon as a unit is taken from them", async () => {
      const [unit] = await h
        .knex('units')
        .insert({ code: '7', name: 'Phường Cổ Nhuế 1', kind: 'ward' })
        .returning('id');
      const id = await h.user('rescoped', 'ward_official', ['7']);
      const signedIn = await signedInAndCached('rescoped');
      await h.knex('user_units').where({ user_id: id, unit_id: unit.id }).delete();
      await eventually(async () => {
        const me = await signedIn.agent.get('/api/v1/auth/me').expect(200);
        return me.body.user.units.length === 0;
      }, 'the official sees no unit any more');
    });
  });
}
