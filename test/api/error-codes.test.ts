import assert from 'node:assert/strict';
import { type ApiHarness, apiHarness, insertTickets, insertUnits, type SignedIn } from './api.fixture';

/** Every error names a stable code and its params, so a client words it in its own language. */
describe('API errors: stable codes and params', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let unitId: number;
  let ticketId: number;

  before(async () => {
    h = await apiHarness();
    const units = await insertUnits(h.knex, [{ code: '1', name: 'Phường Một' }]);
    unitId = units.get('1') as number;
    [ticketId] = (await insertTickets(h.knex, [
      { code: 'HL-2026-000001', unitId, receivedAt: new Date('2026-11-16T01:00:00Z') },
    ])) as [number];
    ({ admin } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  const send = (method: 'post' | 'patch', path: string, body: object) =>
    admin.agent[method](`/api/v1${path}`).set('X-CSRF-Token', admin.csrf).send(body);

  it('names each field at fault with a code and its limits, not in words only', async () => {
    const res = await admin.agent.get('/api/v1/tickets?q=a').expect(400);
    assert.equal(res.body.error.code, 'validation-failed');
    assert.deepEqual(res.body.error.params, { field: 'q' });
    const [issue] = res.body.error.details.issues;
    assert.deepEqual([issue.path, issue.code, issue.params], ['q', 'too-short', { min: 2 }]);
  });

  it('words a missing field as required and a schema rule by its own code', async () => {
    const missing = await send('post', `/units/${unitId}/contacts`, { dial: '0912345678' }).expect(400);
    assert.deepEqual(
      missing.body.error.details.issues.map((i: { path: string; code: string }) => [i.path, i.code]),
      [['name', 'required']],
    );
    const backwards = await send('post', `/units/${unitId}/overrides`, {
      contactId: 1,
      startsAt: '2026-11-17T05:00:00Z',
      endsAt: '2026-11-17T04:00:00Z',
    }).expect(400);
    const [issue] = backwards.body.error.details.issues;
    assert.deepEqual([issue.path, issue.code], ['endsAt', 'ends-before-start']);
  });

  it('tells a value of the wrong type from a missing one, naming the type expected', async () => {
    const res = await send('post', `/units/${unitId}/contacts`, { name: 42, dial: '0912345678' }).expect(400);
    const [issue] = res.body.error.details.issues;
    assert.deepEqual([issue.path, issue.code, issue.params], ['name', 'wrong-type', { expected: 'string' }]);
    const blank = await send('post', `/units/${unitId}/contacts`, { name: null, dial: '0912345678' }).expect(
      400,
    );
    assert.deepEqual(
      blank.body.error.details.issues.map((i: { path: string; code: string }) => [i.path, i.code]),
      [['name', 'required']],
    );
  });

  it('gives a rule of the service its code and the values that word it', async () => {
    await send('patch', `/tickets/${ticketId}`, { status: 'in_progress' }).expect(200);
    await send('patch', `/tickets/${ticketId}`, { status: 'resolved' }).expect(200);
    const reopened = await send('patch', `/tickets/${ticketId}`, { status: 'in_progress' }).expect(400);
    const [issue] = reopened.body.error.details.issues;
    assert.deepEqual(
      [issue.path, issue.code, issue.params],
      ['statusReason', 'reason-required', { from: 'resolved', to: 'in_progress' }],
    );
    const jump = await send('patch', `/tickets/${ticketId}`, { status: 'new' }).expect(409);
    assert.deepEqual(
      [jump.body.error.code, jump.body.error.params],
      ['invalid-transition', { from: 'resolved', to: 'new' }],
    );
  });

  it('says why a callback cannot be placed as a code and a reason, and a taken value by its field', async () => {
    await h.knex('tickets').where({ id: ticketId }).update({ needs_callback: true });
    const callback = await send('post', `/tickets/${ticketId}/callback`, { closeFollowUp: false }).expect(
      503,
    );
    assert.deepEqual(
      [callback.body.error.code, callback.body.error.params],
      ['callbacks-unavailable', { reason: 'not-configured' }],
    );
    await send('post', '/units', { code: '2', name: 'Phường Hai', kind: 'ward' }).expect(201);
    const taken = await send('post', '/units', { code: '2', name: 'Phường Ba', kind: 'ward' }).expect(409);
    assert.deepEqual(
      [taken.body.error.code, taken.body.error.params],
      ['code-taken', { field: 'code', value: '2' }],
    );
  });
});
