import assert from 'node:assert/strict';
import { CONTACT_DIAL_UNIQUE, UNIT_CODE_UNIQUE } from '../../server/api/units/units.repo';
import { unitListResponse, unitSchema } from '../../server/api/units/units.schemas';
import { countRows } from '../support/tables';
import { type ApiHarness, apiHarness, type SignedIn } from './api.fixture';

describe('API units and contacts', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let viewer: SignedIn;
  let district: number;
  let ward: number;

  const post = (who: SignedIn, path: string, body: object) =>
    who.agent.post(`/api/v1${path}`).set('X-CSRF-Token', who.csrf).send(body);
  const patch = (who: SignedIn, path: string, body: object) =>
    who.agent.patch(`/api/v1${path}`).set('X-CSRF-Token', who.csrf).send(body);

  before(async () => {
    h = await apiHarness();
    await h.user('admin', 'admin');
    admin = await h.signIn('admin');
    district = (await post(admin, '/units', { code: '0', name: 'UBND Quận', kind: 'district' }).expect(201))
      .body.id;
    const created = await post(admin, '/units', {
      code: '1',
      name: 'Phường Phúc Diễn',
      kind: 'ward',
      fallbackCode: '0',
      notifyEmails: ['phucdien@example.vn'],
    }).expect(201);
    unitSchema.parse(created.body);
    ward = created.body.id;
    await post(admin, '/units', { code: '2', name: 'Phường Xuân Đỉnh', kind: 'ward' }).expect(201);
    await h.user('official', 'ward_official', ['1']);
    await h.user('viewer', 'viewer');
    [official, viewer] = [await h.signIn('official'), await h.signIn('viewer')];
  });
  after(async () => h?.test.drop());

  it('creates units with their fallback, and tells the running IVR each time', async () => {
    const res = await admin.agent.get('/api/v1/units').expect(200);
    unitListResponse.parse(res.body);
    assert.deepEqual(
      res.body.map((unit: { code: string }) => unit.code),
      ['0', '1', '2'],
    );
    const phucDien = res.body[1];
    assert.deepEqual(phucDien.fallback, { id: district, code: '0', name: 'UBND Quận' });
    assert.deepEqual(phucDien.notifyEmails, ['phucdien@example.vn']);
    assert.ok(h.rosterChanges >= 3);
    assert.equal(await countRows(h.knex, 'audit_log', { action: 'unit.create' }), 3);
  });

  it('refuses a code already taken with 409 code-taken, on create and on change', async () => {
    const taken = await post(admin, '/units', { code: '1', name: 'Trùng', kind: 'ward' }).expect(409);
    assert.equal(taken.body.error.code, 'code-taken');
    const renamed = await patch(admin, `/units/${ward}`, { code: '2' }).expect(409);
    assert.equal(renamed.body.error.code, 'code-taken');
    await patch(admin, `/units/${ward}`, { code: '1', name: 'Phường Phúc Diễn (mới)' }).expect(200);
  });

  it("refuses the phone menu's confidential complaint key (99 by default) as a unit code with 409 code-is-complaint-key", async () => {
    const refused = await post(admin, '/units', { code: '99', name: 'Trùng phím', kind: 'ward' }).expect(409);
    assert.equal(refused.body.error.code, 'code-is-complaint-key');
    assert.deepEqual(refused.body.error.params, { field: 'code', value: '99' });
    const renamed = await patch(admin, `/units/${ward}`, { code: '99' }).expect(409);
    assert.equal(renamed.body.error.code, 'code-is-complaint-key');
    await h.knex('settings').insert({ key: 'confidential_code', value: JSON.stringify(null) });
    try {
      await patch(admin, `/units/${ward}`, { code: '99' }).expect(200);
      await patch(admin, `/units/${ward}`, { code: '1' }).expect(200);
    } finally {
      await h.knex('settings').where({ key: 'confidential_code' }).delete();
    }
  });

  it('names the unique constraints the service maps to code-taken and dial-taken as they are in the database', async () => {
    // Two admins at once both pass the service's check; the loser's insert hits the constraint.
    const { rows } = await h.knex.raw(
      'select conname from pg_constraint where conname = any(?) order by conname',
      [[UNIT_CODE_UNIQUE, CONTACT_DIAL_UNIQUE]],
    );
    assert.deepEqual(
      rows.map((row: { conname: string }) => row.conname),
      [CONTACT_DIAL_UNIQUE, UNIT_CODE_UNIQUE],
    );
  });

  const invalid: Array<[object, string]> = [
    [{ code: '1a', name: 'X', kind: 'ward' }, 'code'],
    [{ code: '7', name: '', kind: 'ward' }, 'name'],
    [{ code: '7', name: 'X', kind: 'village' }, 'kind'],
    [{ code: '7', name: 'X', kind: 'ward', notifyEmails: ['not-an-email'] }, 'notifyEmails.0'],
    [{ code: '7', name: 'X', kind: 'ward', fallbackCode: '99' }, 'fallbackCode'],
  ];
  for (const [body, path] of invalid) {
    it(`refuses a unit with a bad ${path}`, async () => {
      const res = await post(admin, '/units', body).expect(400);
      assert.deepEqual(
        res.body.error.details.issues.map((issue: { path: string }) => issue.path),
        [path],
      );
    });
  }

  it('refuses a unit as its own fallback', async () => {
    const res = await patch(admin, `/units/${ward}`, { fallbackCode: '1' }).expect(400);
    assert.equal(res.body.error.details.issues[0].path, 'fallbackCode');
  });

  it('adds, changes and removes contacts, storing dial targets in canonical form', async () => {
    const phone = await post(admin, `/units/${ward}/contacts`, {
      name: 'Chủ tịch phường',
      dial: '0912.345.678',
    }).expect(201);
    assert.deepEqual(
      { ...phone.body, id: undefined },
      {
        id: undefined,
        unitId: ward,
        name: 'Chủ tịch phường',
        role: null,
        dial: '+84912345678',
        confirmAnswer: true,
        active: true,
      },
    );
    const endpoint = await post(admin, `/units/${ward}/contacts`, {
      name: 'Bàn trực',
      dial: 'pjsip/ward1',
      confirmAnswer: false,
    }).expect(201);
    assert.equal(endpoint.body.dial, 'PJSIP/ward1');
    const bad = await post(admin, `/units/${ward}/contacts`, { name: 'Sai', dial: '12345' }).expect(400);
    assert.equal(bad.body.error.details.issues[0].path, 'dial');
    assert.match(bad.body.error.details.issues[0].message, /neither an Asterisk endpoint/);
    const duplicate = await post(admin, `/units/${ward}/contacts`, {
      name: 'Trùng',
      dial: '+84912345678',
    }).expect(409);
    assert.equal(duplicate.body.error.details.field, 'dial');
    const changed = await patch(admin, `/contacts/${endpoint.body.id}`, {
      active: false,
      role: 'Văn thư',
    }).expect(200);
    assert.deepEqual([changed.body.active, changed.body.role], [false, 'Văn thư']);
    await patch(admin, `/contacts/${endpoint.body.id}`, { dial: 'SKYPE/x' }).expect(400);
    await admin.agent
      .delete(`/api/v1/contacts/${endpoint.body.id}`)
      .set('X-CSRF-Token', admin.csrf)
      .expect(204);
    await admin.agent
      .delete(`/api/v1/contacts/${endpoint.body.id}`)
      .set('X-CSRF-Token', admin.csrf)
      .expect(404);
    const unit = (await admin.agent.get('/api/v1/units').expect(200)).body.find(
      (u: { id: number }) => u.id === ward,
    );
    assert.deepEqual(
      unit.contacts.map((c: { name: string }) => c.name),
      ['Chủ tịch phường'],
    );
    assert.equal(await countRows(h.knex, 'audit_log', { action: 'contact.delete' }), 1);
  });

  it('shows a ward official only their units, a viewer all; only admins write', async () => {
    const own = await official.agent.get('/api/v1/units').expect(200);
    assert.deepEqual(
      own.body.map((unit: { code: string }) => unit.code),
      ['1'],
    );
    assert.equal((await viewer.agent.get('/api/v1/units').expect(200)).body.length, 3);
    for (const who of [official, viewer]) {
      const res = await post(who, '/units', { code: '8', name: 'X', kind: 'ward' }).expect(403);
      assert.equal(res.body.error.code, 'forbidden');
      await patch(who, `/units/${ward}`, { name: 'X' }).expect(403);
      await post(who, `/units/${ward}/contacts`, { name: 'X', dial: '0912000111' }).expect(403);
    }
  });

  it("shows officials' phone numbers masked to a viewer, in full to admins and the ward's official", async () => {
    const added = await post(admin, `/units/${ward}/contacts`, {
      name: 'Cán bộ trực',
      dial: '0912000777',
    }).expect(201);
    const dialOf = async (who: SignedIn) => {
      const units = (await who.agent.get('/api/v1/units').expect(200)).body;
      const unit = units.find((u: { id: number }) => u.id === ward);
      return unit.contacts.find((c: { id: number }) => c.id === added.body.id).dial;
    };
    assert.equal(await dialOf(admin), '+84912000777');
    assert.equal(await dialOf(official), '+84912000777');
    assert.equal(await dialOf(viewer), '+84***77');
    await admin.agent.delete(`/api/v1/contacts/${added.body.id}`).set('X-CSRF-Token', admin.csrf).expect(204);
  });

  it('refuses unit and contact writes without the CSRF token', async () => {
    const refused = [
      await admin.agent.post('/api/v1/units').send({ code: '8', name: 'X', kind: 'ward' }),
      await admin.agent.patch(`/api/v1/units/${ward}`).send({ name: 'X' }),
      await admin.agent.post(`/api/v1/units/${ward}/contacts`).send({ name: 'X', dial: '0912000111' }),
      await admin.agent.patch('/api/v1/contacts/1').send({ name: 'X' }),
      await admin.agent.delete('/api/v1/contacts/1'),
    ];
    assert.deepEqual(
      refused.map((res) => [res.status, res.body.error.code]),
      refused.map(() => [403, 'csrf-failed']),
    );
  });

  it('answers 404 for a unit that does not exist', async () => {
    await patch(admin, '/units/424242', { name: 'X' }).expect(404);
    await post(admin, '/units/424242/contacts', { name: 'X', dial: '0912000111' }).expect(404);
  });
});
