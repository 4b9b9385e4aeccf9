import assert from 'node:assert/strict';
import { type ApiHarness, apiHarness, insertTickets, insertUnits, type SignedIn } from './api.fixture';

describe('API tickets: resolving or closing a spam call in one step, with a reason', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let ids: number[];

  const patch = (id: number | undefined, body: object) =>
    admin.agent.patch(`/api/v1/tickets/${id}`).set('X-CSRF-Token', admin.csrf).send(body);

  before(async () => {
    h = await apiHarness();
    const units = await insertUnits(h.knex, [{ code: '1', name: 'Phường Một' }]);
    const at = new Date('2026-11-16T01:00:00Z');
    const unitId = units.get('1') ?? null;
    ids = await insertTickets(h.knex, [
      { code: 'HL-2026-000001', unitId, receivedAt: at },
      { code: 'HL-2026-000002', unitId, receivedAt: at, status: 'in_progress' },
      { code: 'HL-2026-000003', unitId, receivedAt: at },
    ]);
    await h.user('admin', 'admin');
    admin = await h.signIn('admin');
  });
  after(async () => h?.test.drop());

  it('closes a new ticket at once with its reason on the timeline', async () => {
    const res = await patch(ids[0], { status: 'closed', statusReason: 'Cuộc gọi rác, quấy rối' }).expect(200);
    assert.equal(res.body.status, 'closed');
    assert.deepEqual(res.body.events.at(-1).data, {
      from: 'new',
      to: 'closed',
      reason: 'Cuộc gọi rác, quấy rối',
    });
  });

  it('resolves a new ticket, and closes one in progress, each with a reason', async () => {
    await patch(ids[2], { status: 'resolved', statusReason: 'Gọi nhầm số' }).expect(200);
    await patch(ids[1], { status: 'closed', statusReason: 'Trùng với phản ánh khác' }).expect(200);
    const statuses = await h.knex('tickets').whereIn('id', ids).orderBy('id').pluck('status');
    assert.deepEqual(statuses, ['closed', 'closed', 'resolved']);
  });

  it('asks for the reason of a skipped step, and keeps closed final', async () => {
    const [fresh] = await insertTickets(h.knex, [
      { code: 'HL-2026-000004', unitId: null, receivedAt: new Date('2026-11-16T02:00:00Z') },
    ]);
    const noReason = await patch(fresh, { status: 'closed' }).expect(400);
    assert.equal(noReason.body.error.details.issues[0].code, 'reason-required');
    const final = await patch(ids[0], { status: 'in_progress', statusReason: 'Mở lại' }).expect(409);
    assert.equal(final.body.error.code, 'invalid-transition');
    assert.equal((await h.knex('tickets').where({ id: fresh }).first('status')).status, 'new');
  });
});
