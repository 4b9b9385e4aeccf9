import assert from 'node:assert/strict';
import { open311KeyHash } from '../../server/api/open311-keys/open311-key';
import { countRows } from '../support/tables';
import { type ApiHarness, apiHarness, insertUnits, type SignedIn } from './api.fixture';

describe('API Open311 keys: admins issue and revoke them', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let viewer: SignedIn;

  before(async () => {
    h = await apiHarness();
    await insertUnits(h.knex, [{ code: '1', name: 'Phường Một' }]);
    ({ admin, official, viewer } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  it('shows a new key once, keeps only its hash, and audits the issue', async () => {
    const created = await admin.agent
      .post('/api/v1/open311-keys')
      .set('X-CSRF-Token', admin.csrf)
      .send({ name: ' Cổng dịch vụ công ' })
      .expect(201);
    assert.equal(created.body.name, 'Cổng dịch vụ công');
    assert.match(created.body.key, /^o311_[\w-]{43}$/);
    assert.equal(created.body.revokedAt, null);
    const stored = await h.knex('open311_keys').where({ id: created.body.id }).first();
    assert.equal(stored.key_hash, open311KeyHash(created.body.key));
    assert.doesNotMatch(JSON.stringify(stored), new RegExp(created.body.key));

    const list = await admin.agent.get('/api/v1/open311-keys').expect(200);
    assert.deepEqual(Object.keys(list.body[0]).sort(), [
      'createdAt',
      'createdBy',
      'id',
      'lastUsedAt',
      'name',
      'revokedAt',
    ]);
    assert.equal(list.body[0].createdBy, 'admin');
    assert.equal(await countRows(h.knex, 'audit_log', { action: 'open311-key.create' }), 1);
  });

  it('revokes a key once (audited), and a second revocation changes nothing', async () => {
    const { id } = (await h.knex('open311_keys').first('id')) as { id: number };
    const revoke = () =>
      admin.agent.post(`/api/v1/open311-keys/${id}/revoke`).set('X-CSRF-Token', admin.csrf).expect(200);
    const first = await revoke();
    assert.match(first.body.revokedAt, /^\d{4}-/);
    const second = await revoke();
    assert.equal(second.body.revokedAt, first.body.revokedAt);
    assert.equal(await countRows(h.knex, 'audit_log', { action: 'open311-key.revoke' }), 1);
    await admin.agent.post('/api/v1/open311-keys/999/revoke').set('X-CSRF-Token', admin.csrf).expect(404);
  });

  it('is for admins only', async () => {
    for (const who of [official, viewer]) {
      await who.agent.get('/api/v1/open311-keys').expect(403);
      await who.agent
        .post('/api/v1/open311-keys')
        .set('X-CSRF-Token', who.csrf)
        .send({ name: 'x' })
        .expect(403);
    }
  });
});
