import assert from 'node:assert/strict';
import { deskListResponse, deskSchema } from '../../server/api/desks/desks.schemas';
import { unitSchema } from '../../server/api/units/units.schemas';
import { countRows } from '../support/tables';
import { type ApiHarness, apiHarness, insertUnits, type SignedIn } from './api.fixture';

describe('API desks and a unit’s direct number', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let viewer: SignedIn;
  let ward: number;
  let otherWard: number;

  const send = (who: SignedIn, method: 'post' | 'patch' | 'put', path: string, body: object) =>
    who.agent[method](`/api/v1${path}`).set('X-CSRF-Token', who.csrf).send(body);

  before(async () => {
    h = await apiHarness();
    const units = await insertUnits(h.knex, [
      { code: '1', name: 'Phường Phúc Diễn' },
      { code: '2', name: 'Phường Xuân Đỉnh' },
    ]);
    ward = units.get('1') ?? 0;
    otherWard = units.get('2') ?? 0;
    ({ admin, official, viewer } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  it('adds, renames and closes desks, each change audited', async () => {
    const created = await send(admin, 'post', `/units/${ward}/desks`, { name: ' Quầy 1 — Tư pháp ' }).expect(
      201,
    );
    assert.deepEqual(deskSchema.parse(created.body), {
      id: created.body.id,
      unitId: ward,
      name: 'Quầy 1 — Tư pháp',
      active: true,
    });
    await send(admin, 'post', `/units/${ward}/desks`, { name: 'Quầy 2 — Đất đai' }).expect(201);
    const closed = await send(admin, 'patch', `/desks/${created.body.id}`, { active: false }).expect(200);
    assert.equal(closed.body.active, false);
    const list = await admin.agent.get(`/api/v1/units/${ward}/desks`).expect(200);
    assert.deepEqual(
      deskListResponse.parse(list.body).map((desk) => [desk.name, desk.active]),
      [
        ['Quầy 1 — Tư pháp', false],
        ['Quầy 2 — Đất đai', true],
      ],
    );
    assert.equal(await countRows(h.knex, 'audit_log', { action: 'desk.create' }), 2);
    assert.equal(await countRows(h.knex, 'audit_log', { action: 'desk.update' }), 1);
  });

  it('refuses a second desk of the same name in a unit with 409, but not in another unit', async () => {
    const taken = await send(admin, 'post', `/units/${ward}/desks`, { name: 'Quầy 2 — Đất đai' }).expect(409);
    assert.equal(taken.body.error.code, 'desk-name-taken');
    assert.deepEqual(taken.body.error.params, { field: 'name', value: 'Quầy 2 — Đất đai' });
    await send(admin, 'post', `/units/${otherWard}/desks`, { name: 'Quầy 2 — Đất đai' }).expect(201);
  });

  it('names the field of a bad body, and changes nothing', async () => {
    const before = await countRows(h.knex, 'desks');
    const empty = await send(admin, 'post', `/units/${ward}/desks`, { name: '  ' }).expect(400);
    assert.equal(empty.body.error.details.issues[0].path, 'name');
    const stray = await send(admin, 'post', `/units/${ward}/desks`, { name: 'Quầy 3', colour: 'đỏ' }).expect(
      400,
    );
    assert.equal(stray.body.error.code, 'validation-failed');
    await send(admin, 'post', '/units/999999/desks', { name: 'Quầy 9' }).expect(404);
    assert.equal(await countRows(h.knex, 'desks'), before);
  });

  it('shows a ward official their own unit’s desks only, and lets only admins change them', async () => {
    await official.agent.get(`/api/v1/units/${ward}/desks`).expect(200);
    await official.agent.get(`/api/v1/units/${otherWard}/desks`).expect(404);
    await send(official, 'post', `/units/${ward}/desks`, { name: 'Quầy 5' }).expect(403);
    await send(viewer, 'post', `/units/${ward}/desks`, { name: 'Quầy 5' }).expect(403);
    const [desk] = (await admin.agent.get(`/api/v1/units/${otherWard}/desks`).expect(200)).body;
    await send(official, 'patch', `/desks/${desk.id}`, { name: 'Đổi' }).expect(403);
  });

  it('sets a unit’s direct number in E.164 from any common layout, and clears it', async () => {
    const set = await send(admin, 'put', `/units/${ward}/direct-number`, {
      directNumber: '024 3765 1234',
    }).expect(200);
    assert.equal(unitSchema.parse(set.body).directNumber, '+842437651234');
    const listed = await admin.agent.get('/api/v1/units').expect(200);
    assert.equal(listed.body.find((unit: { id: number }) => unit.id === ward).directNumber, '+842437651234');
    const cleared = await send(admin, 'put', `/units/${ward}/direct-number`, { directNumber: null }).expect(
      200,
    );
    assert.equal(cleared.body.directNumber, null);
    assert.equal(await countRows(h.knex, 'audit_log', { action: 'unit.direct-number' }), 2);
  });

  it('refuses a direct number that is not a Vietnamese phone number, keeping the stored one', async () => {
    await send(admin, 'put', `/units/${ward}/direct-number`, { directNumber: '0243 765 1234' }).expect(200);
    const bad = await send(admin, 'put', `/units/${ward}/direct-number`, {
      directNumber: '+1 202 555 0100',
    }).expect(400);
    assert.equal(bad.body.error.details.issues[0].path, 'directNumber');
    assert.equal(bad.body.error.details.issues[0].code, 'invalid-phone');
    assert.match(bad.body.error.message, /country code/);
    await send(official, 'put', `/units/${ward}/direct-number`, { directNumber: null }).expect(403);
    const unit = await h.knex('units').where({ id: ward }).first('direct_number');
    assert.equal(unit.direct_number, '+842437651234');
  });
});
