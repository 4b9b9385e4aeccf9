import assert from 'node:assert/strict';
import request from 'supertest';
import { countRows } from '../support/tables';
import { type ApiHarness, apiHarness, insertUnits, type SignedIn } from './api.fixture';

describe('API spam queue: Home Affairs marks citizen-site submissions', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let spamId: number;

  const mark = (who: SignedIn, id: number, spam: boolean) =>
    who.agent.post(`/api/v1/tickets/${id}/spam`).set('X-CSRF-Token', who.csrf).send({ spam });
  const codesOf = (res: request.Response) => res.body.items.map((item: { code: string }) => item.code).sort();

  before(async () => {
    h = await apiHarness();
    await insertUnits(h.knex, [{ code: '1', name: 'Phường Phúc Diễn' }]);
    ({ admin, official } = await h.signInRoles());
    for (const text of ['Mua thuốc giá rẻ tại ...', 'Đèn đường hỏng']) {
      await request(h.app).post('/p/u/1/feedback').type('form').send({ text }).expect(201);
    }
    await request(h.app).post('/p/u/1/rate').type('form').send({ rating: '3' }).expect(201);
    spamId = (await h.knex('tickets').where({ summary: 'Mua thuốc giá rẻ tại ...' }).first('id')).id;
  });
  after(async () => h?.test.drop());

  it('lists the citizen-site tickets by channel, each saying its channel', async () => {
    const res = await admin.agent.get('/api/v1/tickets?channel=web-feedback,web-rating').expect(200);
    assert.deepEqual(res.body.items.map((item: { channel: string }) => item.channel).sort(), [
      'web-feedback',
      'web-feedback',
      'web-rating',
    ]);
    await admin.agent.get('/api/v1/tickets?channel=fax').expect(400);
  });

  it('marks a ticket as spam, audited and on its timeline, out of the callback queue, and clears it again', async () => {
    const rated = (await h.knex('tickets').where({ channel: 'web-rating' }).first('id')).id;
    const marked = await mark(admin, rated, true).expect(200);
    assert.equal(marked.body.spam, true);
    assert.equal(marked.body.needsCallback, false, 'a spam "not satisfied" asks no callback');
    assert.ok(marked.body.events.some((event: { kind: string }) => event.kind === 'ticket.spam'));
    const cleared = await mark(admin, rated, false).expect(200);
    assert.equal(cleared.body.spam, false);
    assert.equal(await countRows(h.knex, 'audit_log', { action: 'ticket.spam' }), 2);
  });

  it('keeps the spam queue apart: spam=true lists only marked tickets, spam=false leaves them out', async () => {
    await mark(admin, spamId, true).expect(200);
    const queue = await admin.agent.get('/api/v1/tickets?spam=true').expect(200);
    assert.equal(queue.body.items.length, 1);
    assert.equal(queue.body.items[0].id, spamId);
    const rest = await admin.agent.get('/api/v1/tickets?spam=false').expect(200);
    assert.equal(codesOf(rest).length, 2);
    assert.ok(await h.knex('tickets').where({ id: spamId }).first('id'), 'nothing stored is lost');
  });

  it('lets only admins mark spam', async () => {
    await mark(official, spamId, false).expect(403);
    await mark(admin, 999_999, true).expect(404);
    const bad = await admin.agent
      .post(`/api/v1/tickets/${spamId}/spam`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ spam: 'yes' })
      .expect(400);
    assert.equal(bad.body.error.details.issues[0].path, 'spam');
  });
});
