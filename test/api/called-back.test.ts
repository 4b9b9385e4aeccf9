import assert from 'node:assert/strict';
import { countRows } from '../support/tables';
import { type ApiHarness, apiHarness, insertTickets, insertUnits, type SignedIn } from './api.fixture';

describe('API tickets: "Đã gọi lại", a callback placed outside the IVR', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let viewer: SignedIn;
  let ward1: number[];
  let ward2: number;

  const calledBack = (who: SignedIn, id: number | undefined, body: object) =>
    who.agent.post(`/api/v1/tickets/${id}/called-back`).set('X-CSRF-Token', who.csrf).send(body);
  const flag = async (id: number | undefined) =>
    (await h.knex('tickets').where({ id }).first('needs_callback')).needs_callback as boolean;

  before(async () => {
    h = await apiHarness();
    const units = await insertUnits(h.knex, [
      { code: '1', name: 'Phường Một' },
      { code: '2', name: 'Phường Hai' },
    ]);
    const seed = (code: string, unit: string) => ({
      code,
      unitId: units.get(unit) ?? null,
      receivedAt: new Date('2026-11-16T01:00:00Z'),
      outcome: 'missed',
      needsCallback: true,
    });
    const ids = await insertTickets(h.knex, [
      seed('HL-2026-000001', '1'),
      seed('HL-2026-000002', '1'),
      seed('HL-2026-000003', '2'),
    ]);
    ward1 = ids.slice(0, 2);
    ward2 = ids[2] ?? 0;
    ({ admin, official, viewer } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  it('records a reached citizen on the timeline with the note, clears the flag and audits it', async () => {
    const id = ward1[0];
    const res = await calledBack(official, id, {
      result: 'reached',
      note: 'Đã hẹn sáng mai xuống kiểm tra',
    }).expect(200);
    assert.equal(res.body.needsCallback, false);
    const step = res.body.events.at(-1);
    assert.equal(step.kind, 'callback.manual');
    assert.deepEqual(step.data, {
      result: 'reached',
      note: 'Đã hẹn sáng mai xuống kiểm tra',
      closeFollowUp: true,
    });
    assert.equal(step.actor.username, 'official');
    assert.equal(await flag(id), false);
    assert.equal(
      await countRows(h.knex, 'audit_log', { action: 'ticket.called-back', entity_id: String(id) }),
      1,
    );
  });

  it('keeps the flag when the citizen was not reached, unless told to clear it', async () => {
    const id = ward1[1];
    await calledBack(official, id, { result: 'no-answer' }).expect(200);
    assert.equal(await flag(id), true);
    await calledBack(admin, id, { result: 'busy', closeFollowUp: true }).expect(200);
    assert.equal(await flag(id), false);
  });

  it('is refused to a viewer (403) and, outside their wards, to an official (404), changing nothing', async () => {
    assert.equal(
      (await calledBack(viewer, ward2, { result: 'reached' }).expect(403)).body.error.code,
      'forbidden',
    );
    assert.equal(
      (await calledBack(official, ward2, { result: 'reached' }).expect(404)).body.error.code,
      'not-found',
    );
    assert.equal(await flag(ward2), true);
    assert.equal(await countRows(h.knex, 'ticket_events', { ticket_id: ward2 }), 0);
  });

  it('refuses an unknown result, naming the field', async () => {
    const res = await calledBack(admin, ward2, { result: 'maybe' }).expect(400);
    assert.equal(res.body.error.details.issues[0].path, 'result');
    assert.equal(await flag(ward2), true);
  });
});
