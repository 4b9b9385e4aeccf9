import assert from 'node:assert/strict';
import { countRows } from '../support/tables';
import { type ApiHarness, apiHarness, insertTickets, insertUnits, type SignedIn } from './api.fixture';

describe('API tickets: transfer to another unit', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let viewer: SignedIn;
  let units: Map<string, number>;
  let ids: number[];

  const transfer = (who: SignedIn, id: number | undefined, body: object) =>
    who.agent.post(`/api/v1/tickets/${id}/transfer`).set('X-CSRF-Token', who.csrf).send(body);
  const unitOf = async (id: number | undefined) =>
    (await h.knex('tickets').where({ id }).first('unit_id')).unit_id as number | null;

  before(async () => {
    h = await apiHarness();
    units = await insertUnits(h.knex, [
      { code: '1', name: 'Phường Một' },
      { code: '2', name: 'Phường Hai' },
    ]);
    await h
      .knex('units')
      .where({ code: '2' })
      .update({ notify_emails: ['phuong2@example.vn'] });
    const at = new Date('2026-11-16T01:00:00Z');
    ids = await insertTickets(h.knex, [
      { code: 'HL-2026-000001', unitId: units.get('1') ?? null, receivedAt: at },
      { code: 'HL-2026-000002', unitId: units.get('1') ?? null, receivedAt: at },
      { code: 'HL-2026-000003', unitId: null, receivedAt: at },
    ]);
    ({ admin, official, viewer } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  it("moves the ticket, puts the step on its timeline, audits it and queues the new unit's notice", async () => {
    const id = ids[0];
    const res = await transfer(admin, id, { unitId: units.get('2'), reason: 'Địa bàn phường Hai' }).expect(
      200,
    );
    assert.deepEqual(res.body, {
      ticketId: id,
      unit: { id: units.get('2'), code: '2', name: 'Phường Hai' },
      stillVisible: true,
    });
    assert.equal(await unitOf(id), units.get('2'));
    const ticket = (await admin.agent.get(`/api/v1/tickets/${id}`).expect(200)).body;
    const step = ticket.events.at(-1);
    assert.equal(step.kind, 'ticket.transferred');
    assert.deepEqual(step.data, {
      from: { id: units.get('1'), code: '1', name: 'Phường Một' },
      to: { id: units.get('2'), code: '2', name: 'Phường Hai' },
      reason: 'Địa bàn phường Hai',
    });
    assert.equal(
      await countRows(h.knex, 'audit_log', { action: 'ticket.transfer', entity_id: String(id) }),
      1,
    );
    const notices = await h
      .knex('notifications')
      .where({ ticket_id: id })
      .select('kind', 'unit_id', 'status');
    assert.deepEqual(notices, [{ kind: 'transferred', unit_id: units.get('2'), status: 'pending' }]);
  });

  it("lets a ward official send their ward's ticket on, after which it is out of their sight", async () => {
    const id = ids[1];
    const res = await transfer(official, id, { unitId: units.get('2') }).expect(200);
    assert.equal(res.body.stillVisible, false);
    await official.agent.get(`/api/v1/tickets/${id}`).expect(404);
  });

  it('gives a ticket that reached no unit its unit', async () => {
    await transfer(admin, ids[2], { unitId: units.get('1') }).expect(200);
    assert.equal(await unitOf(ids[2]), units.get('1'));
  });

  it("refuses the same unit, an unknown one, a viewer and another ward's official, changing nothing", async () => {
    const id = ids[0];
    const same = await transfer(admin, id, { unitId: units.get('2') }).expect(400);
    assert.equal(same.body.error.details.issues[0].code, 'already-in-unit');
    const unknown = await transfer(admin, id, { unitId: 999_999 }).expect(400);
    assert.equal(unknown.body.error.details.issues[0].code, 'unknown-unit');
    await transfer(viewer, id, { unitId: units.get('1') }).expect(403);
    await transfer(official, id, { unitId: units.get('1') }).expect(404);
    assert.equal(await unitOf(id), units.get('2'));
    assert.equal(await countRows(h.knex, 'notifications', { ticket_id: id }), 1);
  });
});
