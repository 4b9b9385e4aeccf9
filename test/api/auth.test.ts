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

  before(async () => {
    h = await apiHarness({
      now: () => clock,
      // The per-address flood limit has its own test below; here it would trip over the sign-ins of the other tests.
      loginRateLimit: { max: 1000, windowMs: 60_000 },
      auth: {
        maxFailedLogins: 3,
        lockoutMs: 10 * 60_000,
        sessionIdleMs: 3600_000,
        sessionMaxMs: 4 * 3600_000,
      },
    });
    await h.user('admin', 'admin', undefined, { displayName: 'Phòng Nội vụ' });
    await h.user('viewer', 'viewer');
    await h.user('locky', 'viewer');
    await h.user('newbie', 'viewer', undefined, { mustChangePassword: true });
    await h.user('changer', 'viewer');
    await h.user('changer2', 'viewer');
  });
  beforeEach(() => {
    clock = START;
  });
  after(async () => h?.test.drop());

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

  it('locks an account after repeated failures, even against the right password, until the lock ends', async () => {
    const attempt = (password: string) =>
      request(h.app).post('/api/v1/auth/login').send({ username: 'locky', password });
    assert.equal((await attempt('nope-nope-1')).status, 401);
    assert.equal((await attempt('nope-nope-2')).status, 401);
    const locked = await attempt('nope-nope-3');
    assert.equal(locked.status, 423);
    assert.equal(locked.body.error.code, 'account-locked');
    assert.equal(
      locked.body.error.details.lockedUntil,
      new Date(START.getTime() + 10 * 60_000).toISOString(),
    );
    assert.equal((await attempt(PASSWORD)).status, 423);
    assert.equal(await countRows(h.knex, 'audit_log', { action: 'auth.lock' }), 1);
    clock = new Date(START.getTime() + 10 * 60_000 + 1);
    assert.equal((await attempt(PASSWORD)).status, 200);
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
        ari: { url: undefined, username: '', password: '' },
        onRosterChanged: () => undefined,
        loginRateLimit: { max: 3, windowMs: 60_000 },
        now: () => clock,
      },
    });
    const attempt = () =>
      request(app).post('/api/v1/auth/login').send({ username: 'nobody', password: 'whatever-123' });
    for (let i = 0; i < 3; i += 1) assert.equal((await attempt()).status, 401);
    const limited = await attempt();
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'too-many-attempts');
    assert.equal(limited.headers['retry-after'], '60');
    clock = new Date(START.getTime() + 60_000);
    assert.equal((await attempt()).status, 401);
  });
});
