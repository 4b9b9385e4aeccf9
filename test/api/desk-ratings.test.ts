import assert from 'node:assert/strict';
import request from 'supertest';
import { deskRatingsResponse } from '../../server/api/desks/desks.schemas';
import { countRows } from '../support/tables';
import { type ApiHarness, apiHarness, insertUnits, type SignedIn } from './api.fixture';

describe('API desk ratings per month and the share of visitors who rated', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let viewer: SignedIn;
  let ward: number;
  let otherWard: number;
  let desk1: number;
  let desk2: number;

  before(async () => {
    h = await apiHarness({ now: () => new Date('2026-12-03T03:00:00Z') });
    const units = await insertUnits(h.knex, [
      { code: '1', name: 'Phường Phúc Diễn' },
      { code: '2', name: 'Phường Xuân Đỉnh' },
    ]);
    ward = units.get('1') ?? 0;
    otherWard = units.get('2') ?? 0;
    [{ id: desk1 }] = await h.knex('desks').insert({ unit_id: ward, name: 'Quầy 1' }).returning('id');
    [{ id: desk2 }] = await h.knex('desks').insert({ unit_id: ward, name: 'Quầy 2' }).returning('id');
    const app = h.appWith(
      {},
      { submissionLimit: { max: 100, windowMs: 60_000 }, now: () => new Date('2026-12-03T03:00:00Z') },
    );
    const rate = (path: string, rating: string) =>
      request(app).post(path).type('form').send({ rating }).expect(201);
    for (const rating of ['1', '1', '2', '3']) await rate(`/p/d/${desk1}`, rating);
    await rate(`/p/d/${desk2}`, '2');
    await rate('/p/u/1/rate', '1');
    // A rating of another month, and one marked as spam, count in neither figure.
    const newest = async () => (await h.knex('tickets').orderBy('id', 'desc').first('id')).id as number;
    await rate(`/p/d/${desk1}`, '3');
    await h
      .knex('tickets')
      .where({ id: await newest() })
      .update({ received_at: new Date('2026-11-20T03:00:00Z') });
    await rate(`/p/d/${desk1}`, '3');
    await h
      .knex('tickets')
      .where({ id: await newest() })
      .update({ spam_marked_at: new Date() });
    ({ admin, official, viewer } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  it('counts each desk’s ratings of the month, the unit QR’s apart, spam left out', async () => {
    const res = await admin.agent.get(`/api/v1/units/${ward}/desk-ratings?month=2026-12`).expect(200);
    const body = deskRatingsResponse.parse(res.body);
    assert.deepEqual(
      body.desks.map((d) => [d.name, d.verySatisfied, d.satisfied, d.notSatisfied, d.visitors, d.ratedShare]),
      [
        ['Quầy 1', 2, 1, 1, null, null],
        ['Quầy 2', 0, 1, 0, null, null],
      ],
    );
    assert.equal(body.unitQr.verySatisfied, 1);
    assert.equal(body.total.total, 6);
  });

  it('takes a desk’s visitor count for the month and reports the share who rated against 30 %', async () => {
    const res = await official.agent
      .put(`/api/v1/desks/${desk1}/visitors`)
      .set('X-CSRF-Token', official.csrf)
      .send({ month: '2026-12', visitors: 10 })
      .expect(200);
    const first = res.body.desks[0];
    assert.deepEqual([first.visitors, first.ratedShare, first.meetsTarget], [10, 0.4, true]);
    await admin.agent
      .put(`/api/v1/desks/${desk2}/visitors`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ month: '2026-12', visitors: 20 })
      .expect(200);
    const again = await admin.agent.get(`/api/v1/units/${ward}/desk-ratings?month=2026-12`).expect(200);
    assert.deepEqual([again.body.desks[1].ratedShare, again.body.desks[1].meetsTarget], [0.05, false]);
    assert.equal(again.body.total.visitors, 30);
    assert.equal(await countRows(h.knex, 'audit_log', { action: 'desk.visitors' }), 2);
  });

  it('names a bad month or count, keeps officials to their unit and viewers read-only', async () => {
    const bad = await admin.agent.get(`/api/v1/units/${ward}/desk-ratings?month=2026-13`).expect(400);
    assert.equal(bad.body.error.details.issues[0].path, 'month');
    const negative = await admin.agent
      .put(`/api/v1/desks/${desk1}/visitors`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ month: '2026-12', visitors: -1 })
      .expect(400);
    assert.equal(negative.body.error.details.issues[0].path, 'visitors');
    await official.agent.get(`/api/v1/units/${otherWard}/desk-ratings?month=2026-12`).expect(404);
    await viewer.agent.get(`/api/v1/units/${ward}/desk-ratings?month=2026-12`).expect(200);
    await viewer.agent
      .put(`/api/v1/desks/${desk1}/visitors`)
      .set('X-CSRF-Token', viewer.csrf)
      .send({ month: '2026-12', visitors: 5 })
      .expect(403);
  });
});
