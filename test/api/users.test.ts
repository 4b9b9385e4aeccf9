import assert from 'node:assert/strict';
import { type ApiHarness, apiHarness, insertUnits, PASSWORD, type SignedIn } from './api.fixture';

const NEW_PASSWORD = 'một mật khẩu mới dài';

describe('API users: admins manage accounts', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let adminId: number;
  let units: Map<string, number>;

  const send = (method: 'post' | 'patch', path: string, body?: object) =>
    admin.agent[method](`/api/v1${path}`).set('X-CSRF-Token', admin.csrf).send(body);
  const auditOf = (action: string, id: number) =>
    h
      .knex('audit_log')
      .where({ action, entity: 'user', entity_id: String(id) })
      .select('user_id', 'details');

  before(async () => {
    h = await apiHarness({
      auth: {
        backoff: {
          account: { freeFailures: 1, firstDelayMs: 600_000, maxDelayMs: 600_000, forgetAfterMs: 86_400_000 },
          address: { freeFailures: 50, firstDelayMs: 1000, maxDelayMs: 1000, forgetAfterMs: 86_400_000 },
        },
      },
    });
    units = await insertUnits(h.knex, [
      { code: '1', name: 'Phường Một' },
      { code: '2', name: 'Phường Hai' },
    ]);
    adminId = await h.user('noivu', 'admin', undefined, { displayName: 'Nguyễn Thị Hạnh' });
    admin = await h.signIn('noivu');
  });
  after(async () => h.test.drop());

  it('creates a ward official with a display name and units; they must choose a password at first sign-in', async () => {
    const res = await send('post', '/users', {
      username: 'chu.tich.p1',
      displayName: 'Lê Văn Phường',
      role: 'ward_official',
      unitIds: [units.get('1')],
      password: PASSWORD,
    }).expect(201);
    assert.equal(res.body.username, 'chu.tich.p1');
    assert.equal(res.body.displayName, 'Lê Văn Phường');
    assert.deepEqual(
      res.body.units.map((u: { code: string }) => u.code),
      ['1'],
    );
    assert.equal(res.body.mustChangePassword, true);
    assert.equal(res.body.active, true);
    const [audit] = await auditOf('user.create', res.body.id);
    assert.equal(audit?.user_id, adminId);

    const official = await h.signIn('chu.tich.p1');
    const me = await official.agent.get('/api/v1/auth/me').expect(200);
    assert.equal(me.body.user.mustChangePassword, true);
  });

  it('lists every user for an admin, and for nobody else', async () => {
    const list = await admin.agent.get('/api/v1/users').expect(200);
    assert.deepEqual(
      list.body.map((u: { username: string }) => u.username),
      ['chu.tich.p1', 'noivu'],
    );
    await h.user('xem', 'viewer');
    const viewer = await h.signIn('xem');
    const refused = await viewer.agent.get('/api/v1/users').expect(403);
    assert.equal(refused.body.error.code, 'forbidden');
  });

  it('refuses a taken user name, a ward official without a unit and an unknown unit, creating nothing', async () => {
    const before = await h.knex('users').count<{ n: number }[]>({ n: '*' });
    const taken = await send('post', '/users', {
      username: 'NOIVU',
      displayName: 'X',
      role: 'viewer',
      password: PASSWORD,
    }).expect(409);
    assert.equal(taken.body.error.code, 'username-taken');
    const unscoped = await send('post', '/users', {
      username: 'no.unit',
      displayName: 'Không đơn vị',
      role: 'ward_official',
      password: PASSWORD,
    }).expect(400);
    assert.deepEqual(unscoped.body.error.details.issues, [
      {
        path: 'unitIds',
        code: 'unit-scope-required',
        params: {},
        message: 'a ward_official needs at least one unit',
      },
    ]);
    const unknown = await send('post', '/users', {
      username: 'lost',
      displayName: 'Lạc',
      role: 'ward_official',
      unitIds: [999],
      password: PASSWORD,
    }).expect(400);
    assert.deepEqual(
      [unknown.body.error.details.issues[0].path, unknown.body.error.details.issues[0].code],
      ['unitIds', 'unknown-unit'],
    );
    const after = await h.knex('users').count<{ n: number }[]>({ n: '*' });
    assert.deepEqual(after, before);
  });

  it('changes a role and units; a new admin loses the unit scope', async () => {
    const id = await h.user('doi.vai', 'ward_official', ['1']);
    const moved = await send('patch', `/users/${id}`, { unitIds: [units.get('2'), units.get('1')] }).expect(
      200,
    );
    assert.deepEqual(
      moved.body.units.map((u: { code: string }) => u.code),
      ['1', '2'],
    );
    const promoted = await send('patch', `/users/${id}`, {
      role: 'admin',
      displayName: 'Trần Thị Vai',
    }).expect(200);
    assert.equal(promoted.body.role, 'admin');
    assert.deepEqual(promoted.body.units, []);
    const audits = await auditOf('user.update', id);
    assert.equal(audits.length, 2);
    assert.deepEqual(audits[1]?.details.changes, { displayName: 'Trần Thị Vai', role: 'admin', units: [] });
  });

  it('deactivating a user ends their sessions at once', async () => {
    await h.user('tam.nghi', 'viewer');
    const user = await h.signIn('tam.nghi');
    await user.agent.get('/api/v1/tickets').expect(200);
    const id = (await h.knex('users').where({ username: 'tam.nghi' }).first('id')).id;
    const res = await send('patch', `/users/${id}`, { active: false }).expect(200);
    assert.equal(res.body.active, false);
    await user.agent.get('/api/v1/tickets').expect(401);
    assert.equal(Number((await h.knex('sessions').where({ user_id: id }).count({ n: '*' }))[0]?.n), 0);
    const again = await user.agent
      .post('/api/v1/auth/login')
      .send({ username: 'tam.nghi', password: PASSWORD });
    assert.equal(again.status, 401);
  });

  it('refuses, with 409 own-account, an admin deactivating, demoting or resetting their own account', async () => {
    for (const body of [{ active: false }, { role: 'viewer' }]) {
      const res = await send('patch', `/users/${adminId}`, body).expect(409);
      assert.equal(res.body.error.code, 'own-account');
      assert.deepEqual(res.body.error.params, { username: 'noivu' });
    }
    const reset = await send('post', `/users/${adminId}/password`, { password: NEW_PASSWORD }).expect(409);
    assert.equal(reset.body.error.code, 'own-account');
    const me = await admin.agent.get('/api/v1/auth/me').expect(200);
    assert.equal(me.body.user.role, 'admin');
  });

  it('resets a password: the old sessions end, the new password works once and must be changed', async () => {
    const id = await h.user('quen.mk', 'viewer');
    const user = await h.signIn('quen.mk');
    const res = await send('post', `/users/${id}/password`, { password: NEW_PASSWORD }).expect(200);
    assert.equal(res.body.mustChangePassword, true);
    await user.agent.get('/api/v1/tickets').expect(401);
    const signedIn = await h.signIn('quen.mk', NEW_PASSWORD);
    const me = await signedIn.agent.get('/api/v1/auth/me').expect(200);
    assert.equal(me.body.user.mustChangePassword, true);
    assert.equal((await auditOf('user.password-reset', id)).length, 1);
  });

  it('refuses a weak reset password with its reason', async () => {
    const id = await h.user('yeu.mk', 'viewer');
    const res = await send('post', `/users/${id}/password`, { password: '1234567890' }).expect(400);
    assert.equal(res.body.error.code, 'weak-password');
    assert.equal(res.body.error.params.reason, 'predictable');
  });

  it('unlocks a user held back by failed sign-ins', async () => {
    const id = await h.user('bi.khoa', 'viewer');
    await assert.rejects(h.signIn('bi.khoa', 'sai mật khẩu rồi'), /401/);
    await assert.rejects(h.signIn('bi.khoa'), /429/);
    const listed = (await admin.agent.get('/api/v1/users').expect(200)).body.find(
      (u: { id: number }) => u.id === id,
    );
    assert.equal(listed.failedSignIns, 1);
    const res = await send('post', `/users/${id}/unlock`).expect(200);
    assert.equal(res.body.failedSignIns, 0);
    await h.signIn('bi.khoa');
    assert.equal((await auditOf('user.unlock', id)).length, 1);
  });

  it('answers 404 for a user that does not exist and 400 for an empty change', async () => {
    assert.equal(
      (await send('patch', '/users/999999', { active: false }).expect(404)).body.error.code,
      'not-found',
    );
    assert.equal(
      (await send('patch', `/users/${adminId}`, {}).expect(400)).body.error.code,
      'validation-failed',
    );
  });
});
