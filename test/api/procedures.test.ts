import assert from 'node:assert/strict';
import request from 'supertest';
import { countRows } from '../support/tables';
import { type ApiHarness, apiHarness, insertUnits, type SignedIn } from './api.fixture';

const BIRTH = {
  code: 'khai-sinh',
  name: 'Đăng ký khai sinh',
  documents: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'],
  fees: 'Miễn lệ phí khi đăng ký đúng hạn',
  processingTime: 'Ngay trong ngày',
  legalBasis: ['Luật Hộ tịch số 60/2014/QH13', 'Nghị định 123/2015/NĐ-CP'],
  portalUrl: 'https://dichvucong.gov.vn/p/home/dvc-trang-chu.html',
};

type Issue = { path: string; code: string };

describe('API procedures: the catalogue Home Affairs keeps', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let viewer: SignedIn;
  let ward: number;

  const send = (who: SignedIn, method: 'post' | 'patch', path: string, body?: object) =>
    who.agent[method](`/api/v1${path}`).set('X-CSRF-Token', who.csrf).send(body);
  const issues = (res: request.Response): Issue[] =>
    res.body.error.details.issues.map((i: Issue) => ({ path: i.path, code: i.code }));

  before(async () => {
    h = await apiHarness();
    ward = (await insertUnits(h.knex, [{ code: '1', name: 'Phường Một' }])).get('1') as number;
    ({ admin, official, viewer } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  it('adds a procedure, every ward by default, and audits who added it', async () => {
    const res = await send(admin, 'post', '/procedures', BIRTH).expect(201);
    assert.equal(res.body.code, 'khai-sinh');
    assert.equal(res.body.unitId, null);
    assert.equal(res.body.notes, null);
    assert.equal(res.body.active, true);
    assert.deepEqual(res.body.legalBasis, BIRTH.legalBasis);
    const audit = await h.knex('audit_log').where({ action: 'procedure.create' }).first();
    assert.equal(audit.entity, 'procedure');
    assert.equal(audit.entity_id, String(res.body.id));
    assert.deepEqual(audit.details, { code: 'khai-sinh', name: 'Đăng ký khai sinh' });
  });

  it('names each field at fault with its own code', async () => {
    const res = await send(admin, 'post', '/procedures', {
      ...BIRTH,
      code: 'Khai Sinh',
      name: ' ',
      legalBasis: [],
      portalUrl: 'http://dichvucong.gov.vn/',
      unitId: 0,
      extra: 1,
    }).expect(400);
    assert.equal(res.body.error.code, 'validation-failed');
    assert.deepEqual(
      issues(res).sort((a, b) => a.path.localeCompare(b.path)),
      [
        { path: 'body', code: 'unknown-field' },
        { path: 'code', code: 'invalid-procedure-code' },
        { path: 'legalBasis', code: 'too-few' },
        { path: 'name', code: 'required' },
        { path: 'portalUrl', code: 'invalid-portal-url' },
        { path: 'unitId', code: 'too-small' },
      ],
    );
    const missing = await send(admin, 'post', '/procedures', { code: 'x' }).expect(400);
    assert.deepEqual(
      issues(missing)
        .map((i) => `${i.path}:${i.code}`)
        .sort(),
      [
        'documents:required',
        'fees:required',
        'legalBasis:required',
        'name:required',
        'processingTime:required',
      ],
    );
  });

  it('refuses a taken code (409 procedure-code-taken) and a unit that does not exist (unknown-unit)', async () => {
    const taken = await send(admin, 'post', '/procedures', BIRTH).expect(409);
    assert.equal(taken.body.error.code, 'procedure-code-taken');
    assert.deepEqual(taken.body.error.params, { field: 'code', value: 'khai-sinh' });
    const unit = await send(admin, 'post', '/procedures', {
      ...BIRTH,
      code: 'ket-hon',
      unitId: 999_999,
    }).expect(400);
    assert.deepEqual(issues(unit), [{ path: 'unitId', code: 'unknown-unit' }]);
    assert.equal(await countRows(h.knex, 'procedures'), 1);
  });

  it('changes fields, audits what they were, and refuses an empty change', async () => {
    const id = (await h.knex('procedures').where({ code: 'khai-sinh' }).first('id')).id;
    const res = await send(admin, 'patch', `/procedures/${id}`, {
      unitId: ward,
      fees: 'Miễn phí',
      notes: 'Nộp tại Bộ phận một cửa',
    }).expect(200);
    assert.equal(res.body.unitId, ward);
    assert.equal(res.body.fees, 'Miễn phí');
    const audit = await h.knex('audit_log').where({ action: 'procedure.update' }).first();
    assert.deepEqual(audit.details, {
      code: 'khai-sinh',
      from: { unitId: null, fees: BIRTH.fees, notes: null },
      to: { unitId: ward, fees: 'Miễn phí', notes: 'Nộp tại Bộ phận một cửa' },
    });
    const empty = await send(admin, 'patch', `/procedures/${id}`, {}).expect(400);
    assert.deepEqual(issues(empty), [{ path: 'body', code: 'nothing-to-change' }]);
    await send(admin, 'patch', '/procedures/999999', { fees: 'x' }).expect(404);
    await send(admin, 'post', '/procedures', { ...BIRTH, code: 'ket-hon', name: 'Đăng ký kết hôn' }).expect(
      201,
    );
    const rename = await send(admin, 'patch', `/procedures/${id}`, { code: 'ket-hon' }).expect(409);
    assert.equal(rename.body.error.code, 'procedure-code-taken');
  });

  it('deactivates a procedure (audited) and lists active and inactive ones apart', async () => {
    const id = (await h.knex('procedures').where({ code: 'ket-hon' }).first('id')).id;
    const res = await send(admin, 'post', `/procedures/${id}/deactivate`).expect(200);
    assert.equal(res.body.active, false);
    assert.equal(await countRows(h.knex, 'audit_log', { action: 'procedure.deactivate' }), 1);
    const all = await admin.agent.get('/api/v1/procedures').expect(200);
    assert.deepEqual(
      all.body.map((p: { code: string }) => p.code),
      ['ket-hon', 'khai-sinh'],
    );
    const active = await admin.agent.get('/api/v1/procedures?active=true').expect(200);
    assert.deepEqual(
      active.body.map((p: { code: string }) => p.code),
      ['khai-sinh'],
    );
    await send(admin, 'post', '/procedures/999999/deactivate').expect(404);
  });

  it('is for admins only: officials and viewers get 403, strangers 401, a write without CSRF token 403', async () => {
    for (const who of [official, viewer]) {
      await who.agent.get('/api/v1/procedures').expect(403);
      await send(who, 'post', '/procedures', { ...BIRTH, code: 'moi' }).expect(403);
      await send(who, 'patch', '/procedures/1', { fees: 'x' }).expect(403);
      await send(who, 'post', '/procedures/1/deactivate').expect(403);
    }
    await request(h.app).get('/api/v1/procedures').expect(401);
    const noToken = await admin.agent
      .post('/api/v1/procedures')
      .send({ ...BIRTH, code: 'moi' })
      .expect(403);
    assert.equal(noToken.body.error.code, 'csrf-failed');
    assert.equal(await countRows(h.knex, 'procedures', { code: 'moi' }), 0);
  });
});
