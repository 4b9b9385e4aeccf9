// Past 300 lines on purpose: the sign-in, session, CSRF and password cases of one API share one
// harness and one clock, which each case moves; apart, each file would set them up again.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { createSilentLogger } from '../../core/logger';
import { createApp } from '../../server/app';
import { countRows } from '../support/tables';
import { type ApiHarness, apiHarness, PASSWORD } from './api.fixture';

const START = new Date('2026-11-16T02:00:00Z');

function cookieOf(res: request.Response): string {
  const cookies = res.headers['set-cookie'] as unknown as string[] | undefined;
  const cookie = cookies?.find((line) => line.startsWith('hotline_session='));
  assert.ok(cookie, 'a session cookie is set');
  return cookie;
}

describe('API auth', () => {
  let h: ApiHarness;
  let clock = START;
  let lockyId = 0;
  let guesserId = 0;

  before(async () => {
    h = await apiHarness({
      now: () => clock,
      // The per-address flood limit has its own test below; here it would trip over the sign-ins of the other tests.
      loginRateLimit: { max: 1000, windowMs: 60_000 },
      auth: {
        backoff: {
          account: {
            freeFailures: 3,
            firstDelayMs: 60_000,
            maxDelayMs: 10 * 60_000,
            forgetAfterMs: 86_400_000,
          },
          // Loose enough that only the address test below trips it.
          address: {
            freeFailures: 40,
            firstDelayMs: 60_000,
            maxDelayMs: 10 * 60_000,
            forgetAfterMs: 86_400_000,
          },
        },
        deviceCookieMaxAgeMs: 30 * 86_400_000,
        sessionIdleMs: 3600_000,
        sessionMaxMs: 4 * 3600_000,
      },
    });
    await h.user('admin', 'admin', undefined, { displayName: 'Phòng Nội vụ' });
    await h.user('viewer', 'viewer');
    lockyId = await h.user('locky', 'viewer');
    await h.user('owner', 'viewer');
    await h.user('burst', 'viewer');
    await h.user('guesser', 'viewer');
    guesserId = await h.user('guesser2', 'viewer');
    await h.user('newbie', 'viewer', undefined, { mustChangePassword: true });
    await h.user('changer', 'viewer');
    await h.user('changer2', 'viewer');
  });
  beforeEach(() => {
    clock = START;
  });
  after(async () => h?.test.drop());

  it('answers whether the browser is signed in with a 200 either way, so a page load logs no 401', async () => {
    const anonymous = await request(h.app).get('/api/v1/auth/session').expect(200);
    assert.deepEqual(anonymous.body, { signedIn: false });
    const agent = request.agent(h.app);
    const login = await agent.post('/api/v1/auth/login').send({ username: 'viewer', password: PASSWORD });
    const signed = await agent.get('/api/v1/auth/session').expect(200);
    assert.deepEqual(
      [signed.body.signedIn, signed.body.user.username, signed.body.csrfToken],
      [true, 'viewer', login.body.csrfToken],
    );
  });

  it('signs in: the user, a CSRF token and an httpOnly SameSite=Lax cookie holding a token stored only as its hash', async () => {
    const res = await request(h.app)
      .post('/api/v1/auth/login')
      .send({ username: 'ADMIN', password: PASSWORD })
      .expect(200);
    assert.deepEqual(
      { ...res.body.user, id: undefined },
      {
        id: undefined,
        username: 'admin',
        displayName: 'Phòng Nội vụ',
        role: 'admin',
        units: [],
        mustChangePassword: false,
        readsComplaints: false,
      },
    );
    assert.equal(typeof res.body.csrfToken, 'string');
    const cookie = cookieOf(res);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Path=\//);
    assert.doesNotMatch(
      cookie,
      /Secure/,
      'plain HTTP gets no Secure flag (the browser would drop the cookie)',
    );
    const token = decodeURIComponent(cookie.split(';')[0]?.split('=')[1] ?? '');
    const hashed = createHash('sha256').update(token).digest('hex');
    assert.equal(await countRows(h.knex, 'sessions', { id: hashed }), 1);
    assert.equal(await countRows(h.knex, 'sessions', { id: token }), 0);
    assert.ok((await countRows(h.knex, 'audit_log', { action: 'auth.login' })) >= 1);
  });

  it('marks the cookie Secure behind a TLS-terminating proxy on loopback', async () => {
    const res = await request(h.app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ username: 'admin', password: PASSWORD })
      .expect(200);
    assert.match(cookieOf(res), /Secure/);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const unknown = await request(h.app)
      .post('/api/v1/auth/login')
      .send({ username: 'nobody', password: 'whatever-123' });
    const wrong = await request(h.app)
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: 'wrong-password' });
    assert.equal(unknown.status, 401);
    assert.deepEqual(unknown.body, wrong.body);
    assert.equal(unknown.body.error.code, 'invalid-credentials');
    assert.equal(unknown.headers['set-cookie'], undefined);
  });

  it('names the missing field when the body is incomplete', async () => {
    const res = await request(h.app).post('/api/v1/auth/login').send({ username: 'admin' }).expect(400);
    assert.equal(res.body.error.code, 'validation-failed');
    assert.deepEqual(
      res.body.error.details.issues.map((i: { path: string }) => i.path),
      ['password'],
    );
  });

  const at = (ms: number) => {
    clock = new Date(START.getTime() + ms);
  };
  const login = (username: string, password: string, cookie?: string) => {
    const req = request(h.app).post('/api/v1/auth/login');
    if (cookie) req.set('Cookie', cookie);
    return req.send({ username, password });
  };

  it('backs an account off with growing delays after repeated failures, never locking it for good', async () => {
    for (const n of [1, 2, 3]) assert.equal((await login('locky', `nope-nope-${n}`)).status, 401);
    const held = await login('locky', PASSWORD);
    assert.equal(held.status, 429, 'even the right password waits out the delay');
    assert.equal(held.body.error.code, 'too-many-attempts');
    assert.equal(held.body.error.details.retryAfterSeconds, 60);
    assert.equal(held.headers['retry-after'], '60');
    at(60_000);
    assert.equal((await login('locky', 'nope-nope-4')).status, 401, 'heard again after the first delay');
    at(60_000 + 119_000);
    assert.equal(
      (await login('locky', PASSWORD)).body.error.details.retryAfterSeconds,
      1,
      'the delay doubled',
    );
    at(60_000 + 120_000);
    assert.equal((await login('locky', PASSWORD)).status, 200, 'the right password after the delay gets in');
    assert.equal(
      await countRows(h.knex, 'sign_in_failures', { key: 'account:locky' }),
      0,
      'and clears the count',
    );
    assert.equal(
      await countRows(h.knex, 'audit_log', { action: 'auth.login-failed', entity_id: String(lockyId) }),
      4,
    );
  });

  it('decides parallel attempts one by one: a burst gets no more guesses than the free failures', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 8 }, (_, n) => login('burst', `parallel-guess-${n}`).then((res) => res.status)),
    );
    assert.deepEqual(
      statuses.toSorted((a, b) => a - b),
      [401, 401, 401, 429, 429, 429, 429, 429],
    );
  });

  it('answers an unknown user name exactly as a known one when backing off', async () => {
    for (const username of ['guesser', 'no-such-user']) {
      for (const n of [1, 2, 3]) assert.equal((await login(username, `nope-nope-${n}`)).status, 401);
    }
    const known = await login('guesser', PASSWORD);
    const unknown = await login('no-such-user', PASSWORD);
    assert.equal(known.status, 429);
    assert.equal(unknown.status, known.status);
    assert.deepEqual(unknown.body, known.body);
    assert.equal(unknown.headers['retry-after'], known.headers['retry-after']);
  });

  it('lets the right password in from a known device while strangers back the account off', async () => {
    const first = await login('owner', PASSWORD).expect(200);
    const cookies = first.headers['set-cookie'] as unknown as string[];
    const device = cookies.find((line) => line.startsWith('hotline_device='));
    assert.ok(device, 'a device cookie is set after a successful sign-in');
    assert.match(device, /HttpOnly/);
    assert.match(device, /SameSite=Strict/);
    assert.match(device, /Path=\/api\/v1\/auth/);
    const deviceCookie = device.split(';')[0] ?? '';
    for (const n of [1, 2, 3, 4]) await login('owner', `stranger-${n}`);
    assert.equal((await login('owner', PASSWORD)).status, 429, 'a browser without the cookie waits');
    assert.equal((await login('owner', PASSWORD, 'hotline_device=1.forged.9999999999.sig')).status, 429);
    assert.equal(
      (await login('owner', PASSWORD, deviceCookie)).status,
      200,
      'the known device is not held back',
    );
    assert.equal(
      (await login('guesser', PASSWORD, deviceCookie)).status,
      429,
      "another account's device cookie does not lift this account's back-off",
    );
    for (const n of [1, 2, 3]) assert.equal((await login('owner', `typo-${n}`, deviceCookie)).status, 401);
    assert.equal(
      (await login('owner', PASSWORD, deviceCookie)).status,
      429,
      'the device backs off on its own failures',
    );
  });

  /** An app whose address back-off starts after 2 failures, while accounts allow 100. */
  const addressBackoffApp = () =>
    h.appWith({
      loginRateLimit: { max: 1000, windowMs: 60_000 },
      auth: {
        backoff: {
          account: { freeFailures: 100, firstDelayMs: 60_000, maxDelayMs: 60_000, forgetAfterMs: 86_400_000 },
          address: { freeFailures: 2, firstDelayMs: 30_000, maxDelayMs: 60_000, forgetAfterMs: 86_400_000 },
        },
      },
      now: () => clock,
    });

  it('backs off an address that tries many accounts', async () => {
    const app = addressBackoffApp();
    const from = (ip: string, username: string) =>
      request(app)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ username, password: 'x-x-x-x-x' });
    assert.equal((await from('203.0.113.7', 'a1')).status, 401);
    assert.equal((await from('203.0.113.7', 'a2')).status, 401);
    const held = await from('203.0.113.7', 'a3');
    assert.equal(held.status, 429);
    assert.equal(held.body.error.details.retryAfterSeconds, 30);
    assert.equal((await from('203.0.113.8', 'a3')).status, 401, 'another address is not held back');
  });

  it('lets a known device in from an address strangers backed off (one office, one NAT)', async () => {
    const app = addressBackoffApp();
    const office = '203.0.113.20';
    const from = (username: string, password: string, cookie?: string) => {
      const attempt = request(app).post('/api/v1/auth/login').set('X-Forwarded-For', office);
      if (cookie) attempt.set('Cookie', cookie);
      return attempt.send({ username, password });
    };
    const first = await from('owner', PASSWORD).expect(200);
    const device = (first.headers['set-cookie'] as unknown as string[])
      .find((line) => line.startsWith('hotline_device='))
      ?.split(';')[0];
    assert.ok(device);
    for (const n of [1, 2, 3]) await from(`stranger-${n}`, 'x-x-x-x-x');
    assert.equal((await from('owner', PASSWORD)).status, 429, 'the address is held back');
    assert.equal((await from('owner', PASSWORD, device)).status, 200, 'the known device is not');
  });

  it('tells who is signed in, and 401 without a session', async () => {
    await request(h.app).get('/api/v1/auth/me').expect(401);
    const { agent, csrf } = await h.signIn('viewer');
    const me = await agent.get('/api/v1/auth/me').expect(200);
    assert.equal(me.body.user.username, 'viewer');
    assert.equal(me.body.csrfToken, csrf);
  });

  it('slides the session while it is used and ends it when idle too long or too old', async () => {
    const { agent } = await h.signIn('viewer');
    for (const minutes of [50, 100, 150, 200]) {
      clock = new Date(START.getTime() + minutes * 60_000);
      await agent.get('/api/v1/auth/me').expect(200);
    }
    clock = new Date(START.getTime() + 241 * 60_000);
    await agent.get('/api/v1/auth/me').expect(401);
    clock = START;
    const idle = await h.signIn('viewer');
    clock = new Date(START.getTime() + 61 * 60_000);
    await idle.agent.get('/api/v1/auth/me').expect(401);
  });

  it('logs out only with the CSRF token, then the cookie opens nothing', async () => {
    const { agent, csrf } = await h.signIn('viewer');
    const refused = await agent.post('/api/v1/auth/logout').expect(403);
    assert.equal(refused.body.error.code, 'csrf-failed');
    await agent.post('/api/v1/auth/logout').set('X-CSRF-Token', 'not-the-token').expect(403);
    await agent.post('/api/v1/auth/logout').set('X-CSRF-Token', csrf).expect(204);
    await agent.get('/api/v1/auth/me').expect(401);
  });

  it('changes the password: checks the current one, names the field at fault, signs out other sessions', async () => {
    const first = await h.signIn('changer');
    const other = await h.signIn('changer');
    const change = (body: object, csrf = first.csrf) =>
      first.agent.post('/api/v1/auth/password').set('X-CSRF-Token', csrf).send(body);
    await first.agent
      .post('/api/v1/auth/password')
      .send({ currentPassword: PASSWORD, newPassword: 'x'.repeat(12) })
      .expect(403);
    const wrong = await change({
      currentPassword: 'not-my-password',
      newPassword: 'a new long password',
    }).expect(400);
    assert.equal(wrong.body.error.details.issues[0].path, 'currentPassword');
    const weak = await change({ currentPassword: PASSWORD, newPassword: 'short' }).expect(400);
    assert.equal(weak.body.error.code, 'weak-password');
    assert.equal(weak.body.error.details.issues[0].path, 'newPassword');
    await change({ currentPassword: PASSWORD, newPassword: 'a new long password' }).expect(204);
    await first.agent.get('/api/v1/auth/me').expect(200);
    await other.agent.get('/api/v1/auth/me').expect(401);
    await request(h.app)
      .post('/api/v1/auth/login')
      .send({ username: 'changer', password: PASSWORD })
      .expect(401);
    await h.signIn('changer', 'a new long password');
  });

  it('refuses a common or trivially weak new password, naming the reason, and keeps the old one', async () => {
    const { agent, csrf } = await h.signIn('changer2');
    const refusals: [newPassword: string, reason: string][] = [
      ['1234567890', 'predictable'],
      ['qwertyuiop', 'predictable'],
      ['Password2026!', 'common'],
      ['0912345678', 'digits-only'],
      ['changer2 rất mạnh', 'personal'],
    ];
    for (const [newPassword, reason] of refusals) {
      const res = await agent
        .post('/api/v1/auth/password')
        .set('X-CSRF-Token', csrf)
        .send({ currentPassword: PASSWORD, newPassword })
        .expect(400);
      assert.equal(res.body.error.code, 'weak-password', newPassword);
      assert.equal(res.body.error.details.reason, reason, newPassword);
      assert.equal(res.body.error.details.field, 'newPassword');
      assert.match(res.body.error.message, /^newPassword /);
    }
    await h.signIn('changer2');
  });

  it('counts wrong current passwords like failed sign-ins of the session user', async () => {
    const signedIn = await login('guesser2', PASSWORD).expect(200);
    const cookies = signedIn.headers['set-cookie'] as unknown as string[];
    // The session alone, as a thief who took it would hold it: no device cookie.
    const session = cookies.find((line) => line.startsWith('hotline_session='))?.split(';')[0] ?? '';
    const change = (currentPassword: string) =>
      request(h.app)
        .post('/api/v1/auth/password')
        .set('Cookie', session)
        .set('X-CSRF-Token', signedIn.body.csrfToken)
        .send({ currentPassword, newPassword: 'a brand new secret phrase' });
    for (const n of [1, 2, 3]) {
      const wrong = await change(`guess-${n}-guess`).expect(400);
      assert.equal(wrong.body.error.details.issues[0].path, 'currentPassword');
    }
    const held = await change(PASSWORD).expect(429);
    assert.equal(held.body.error.code, 'too-many-attempts');
    assert.equal((await login('guesser2', PASSWORD)).status, 429, 'the same back-off as sign-in');
    assert.equal(
      await countRows(h.knex, 'audit_log', {
        action: 'auth.password-check-failed',
        entity_id: String(guesserId),
      }),
      3,
    );
    at(60_000);
    await change(PASSWORD).expect(204);
  });

  it('lets a user who must change their password do only that first', async () => {
    const { agent, csrf } = await h.signIn('newbie');
    const blocked = await agent.get('/api/v1/tickets').expect(403);
    assert.equal(blocked.body.error.code, 'password-change-required');
    const me = await agent.get('/api/v1/auth/me').expect(200);
    assert.equal(me.body.user.mustChangePassword, true);
    await agent
      .post('/api/v1/auth/password')
      .set('X-CSRF-Token', csrf)
      .send({ currentPassword: PASSWORD, newPassword: 'my own password now' })
      .expect(204);
    await agent.get('/api/v1/tickets').expect(200);
  });

  it('sends security headers with a CSP that allows no inline script', async () => {
    const res = await request(h.app).get('/api/v1/auth/me');
    const csp = res.headers['content-security-policy'] ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('limits sign-in attempts per client address with 429 and Retry-After', async () => {
    const app = createApp({
      logger: createSilentLogger(),
      db: h.test.db,
      healthSources: [],
      api: {
        timeZone: 'Asia/Ho_Chi_Minh',
        onRosterChanged: () => undefined,
        loginRateLimit: { max: 3, windowMs: 60_000 },
        now: () => clock,
      },
    });
    // An address of its own, so that the back-off of the other tests' failures plays no part.
    const attempt = () =>
      request(app)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '198.51.100.1')
        .send({ username: 'flooder', password: 'whatever-123' });
    for (let i = 0; i < 3; i += 1) assert.equal((await attempt()).status, 401);
    const limited = await attempt();
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'too-many-attempts');
    assert.equal(limited.headers['retry-after'], '60');
    clock = new Date(START.getTime() + 60_000);
    assert.equal((await attempt()).status, 401);
  });
});
