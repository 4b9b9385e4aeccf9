import assert from 'node:assert/strict';
import { up as backfillCategories } from '../../migrations/20261203130300_backfill_categories';
import { createTestDatabase } from '../support/database';
import { countRows } from '../support/tables';
import { type ApiHarness, apiHarness, insertTickets, insertUnits, type SignedIn } from './api.fixture';

describe('API categories: the list admins keep', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;

  const send = (who: SignedIn, method: 'post' | 'patch', path: string, body: object) =>
    who.agent[method](`/api/v1${path}`).set('X-CSRF-Token', who.csrf).send(body);

  before(async () => {
    h = await apiHarness();
    await insertUnits(h.knex, [{ code: '1', name: 'Phường Một' }]);
    ({ admin, official } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  it('adds categories, refuses one twice in another case, and lists them for everyone', async () => {
    await send(admin, 'post', '/categories', { name: 'Môi trường' }).expect(201);
    await send(admin, 'post', '/categories', { name: 'Đất đai' }).expect(201);
    const twice = await send(admin, 'post', '/categories', { name: 'MÔI TRƯỜNG' }).expect(409);
    assert.equal(twice.body.error.code, 'category-taken');
    const list = await official.agent.get('/api/v1/categories').expect(200);
    assert.deepEqual(
      list.body.map((c: { name: string }) => c.name),
      ['Đất đai', 'Môi trường'],
    );
    await send(official, 'post', '/categories', { name: 'Giao thông' }).expect(403);
  });

  it('renames a category and carries its tickets along; retiring it keeps them', async () => {
    const [ticket] = await insertTickets(h.knex, [
      {
        code: 'HL-2026-000001',
        unitId: null,
        receivedAt: new Date('2026-11-16T01:00:00Z'),
        category: 'Môi trường',
      },
    ]);
    const id = (await h.knex('categories').where({ name: 'Môi trường' }).first('id')).id;
    const renamed = await send(admin, 'patch', `/categories/${id}`, {
      name: 'Tài nguyên và môi trường',
    }).expect(200);
    assert.equal(renamed.body.name, 'Tài nguyên và môi trường');
    assert.equal(
      (await h.knex('tickets').where({ id: ticket }).first('category')).category,
      'Tài nguyên và môi trường',
    );
    await send(admin, 'patch', `/categories/${id}`, { active: false }).expect(200);
    assert.equal(
      (await h.knex('tickets').where({ id: ticket }).first('category')).category,
      'Tài nguyên và môi trường',
    );
    assert.equal(await countRows(h.knex, 'audit_log', { action: 'category.update' }), 2);
  });
});

describe('migration 20261203130300: the categories tickets already carry start the list', () => {
  it('takes each distinct free-text category once, trimmed, whatever its case', async () => {
    const test = await createTestDatabase();
    try {
      const knex = test.db.knex;
      await insertTickets(knex, [
        { code: 'HL-2026-000001', unitId: null, receivedAt: new Date(), category: ' Đất đai ' },
        { code: 'HL-2026-000002', unitId: null, receivedAt: new Date(), category: 'Đất đai' },
        { code: 'HL-2026-000003', unitId: null, receivedAt: new Date(), category: 'Chưa phân loại' },
        { code: 'HL-2026-000004', unitId: null, receivedAt: new Date(), category: '  ' },
      ]);
      await backfillCategories(knex);
      assert.deepEqual(await knex('categories').orderBy('name').pluck('name'), ['Chưa phân loại', 'Đất đai']);
    } finally {
      await test.drop();
    }
  });
});
