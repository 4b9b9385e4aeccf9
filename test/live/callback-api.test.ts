import assert from 'node:assert/strict';
import { eventually, useIvr } from '../ivr/ivr-harness';
import { answers, neverAnswers } from '../support/asterisk';
import { createUser, liveApp, signIn } from './live.fixture';

const CITIZEN_LEG = 'PJSIP/0912345678@trunk';

describe('POST /tickets/:id/callback: "Gọi lại" from a ticket through the IVR', () => {
  const h = useIvr();
  let app: ReturnType<typeof liveApp>['app'];
  let unitIds: Map<string, number>;

  before(async () => {
    app = liveApp(h).app;
    await createUser(h, 'admin.cb', 'admin');
    await createUser(h, 'ward1.cb', 'ward_official', ['1']);
    await createUser(h, 'ward12.cb', 'ward_official', ['12']);
    await createUser(h, 'viewer.cb', 'viewer');
    const units = await h.db().db.knex('units').select('id', 'code');
    unitIds = new Map(units.map((u) => [u.code as string, u.id as number]));
  });

  let seq = 0;
  async function ticket(patch: Record<string, unknown> = {}): Promise<number> {
    seq += 1;
    const [row] = await h
      .db()
      .db.knex('tickets')
      .insert({
        code: `HL-2026-9${String(seq).padStart(5, '0')}`,
        unit_id: unitIds.get('1'),
        dialed_code: '1',
        received_at: new Date(),
        caller_number: '+84912345678',
        outcome: 'missed',
        needs_callback: true,
        ...patch,
      })
      .returning('id');
    return row.id as number;
  }

  const timeline = async (id: number) =>
    h
      .db()
      .db.knex('ticket_events')
      .where({ ticket_id: id })
      .orderBy('id')
      .select('kind', 'data', 'actor_user_id');

  /** The timeline once the callback's result is on it (the last step the service writes). */
  async function finished(id: number) {
    await eventually(() => !h.ivr().hasCallbackFor(id), 'the callback to end', 5000);
    for (;;) {
      const events = await timeline(id);
      if (events.some((e) => e.kind === 'callback.result')) return events;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('official answers, citizen answers, bridged: the timeline tells it and the follow-up is closed', async () => {
    h.asterisk()
      .endpoint('PJSIP/ward1', answers({ afterMs: 20 }))
      .endpoint(CITIZEN_LEG, answers({ afterMs: 30, hangsUpAfterMs: 300 }));
    const id = await ticket();
    const ticketsBefore = await h.db().db.knex('tickets').count<{ count: string }[]>('* as count');
    const { agent, csrf } = await signIn(app, 'ward1.cb');
    const res = await agent
      .post(`/api/v1/tickets/${id}/callback`)
      .set('X-CSRF-Token', csrf)
      .send({})
      .expect(202);
    assert.match(res.body.callbackId, /^callback-/);
    assert.deepEqual(res.body.official, {
      contactId: res.body.official.contactId,
      name: 'Chủ tịch phường Phúc Diễn',
    });

    const citizen = await h.asterisk().waitForLeg(CITIZEN_LEG);
    await citizen.until(() => citizen.isBridgedWith('PJSIP/ward1'), 'citizen bridged with the official');
    const events = await finished(id);
    assert.deepEqual(
      events.map((e) => e.kind),
      ['callback.requested', 'callback.official-answered', 'callback.connected', 'callback.result'],
    );
    assert.equal(events[0]?.data.dial, 'PJSIP/ward1');
    assert.equal(events.at(-1)?.data.result, 'connected');
    assert.ok(
      events.every((e) => e.actor_user_id !== null),
      'each step names who asked for the callback',
    );
    const row = await h.db().db.knex('tickets').where({ id }).first();
    assert.equal(row.needs_callback, false);
    const ticketsAfter = await h.db().db.knex('tickets').count<{ count: string }[]>('* as count');
    assert.deepEqual(ticketsAfter, ticketsBefore, 'no new ticket: the callback is not a citizen call');
    const detail = await agent.get(`/api/v1/tickets/${id}`).expect(200);
    assert.ok(detail.body.events.some((e: { kind: string }) => e.kind === 'callback.result'));
  });

  it("shows a callback on a confidential ticket on the live board as the ticket's page does", async () => {
    h.asterisk()
      .endpoint('PJSIP/ward1', answers({ afterMs: 20 }))
      .endpoint(CITIZEN_LEG, answers({ afterMs: 30, hangsUpAfterMs: 60_000 }));
    const id = await ticket({ confidential: true });
    const [admin, ward1, viewer] = [
      await signIn(app, 'admin.cb'),
      await signIn(app, 'ward1.cb'),
      await signIn(app, 'viewer.cb'),
    ];
    await admin.agent
      .post(`/api/v1/tickets/${id}/callback`)
      .set('X-CSRF-Token', admin.csrf)
      .send({})
      .expect(202);
    const citizen = await h.asterisk().waitForLeg(CITIZEN_LEG);
    await citizen.until(() => citizen.isBridgedWith('PJSIP/ward1'), 'citizen bridged with the official');
    const callerOn = async ({ agent }: typeof admin) => {
      const board = (await agent.get('/api/v1/live').expect(200)).body;
      return board.calls
        .filter((c: { ticketId: number }) => c.ticketId === id)
        .map((c: { callerNumber: string }) => c.callerNumber);
    };
    const audited = () =>
      h
        .db()
        .db.knex('audit_log')
        .where({ action: 'ticket.view-caller', entity_id: String(id) })
        .select('*');
    const auditedBefore = (await audited()).length;
    assert.deepEqual(
      await callerOn(ward1),
      ['+84***78'],
      'masked for the ward official, as on the ticket page',
    );
    assert.deepEqual(await callerOn(viewer), [], 'a viewer does not see a confidential ticket at all');
    assert.deepEqual(await callerOn(admin), ['+84912345678']);
    assert.deepEqual(
      (await audited()).slice(auditedBefore).map((row) => [row.entity, row.details.where]),
      [['ticket', 'live']],
      "only the admin's view of the full number is audited",
    );
    citizen.hangup();
    await finished(id);
  });

  it('official does not answer: nothing is dialed to the citizen and the follow-up stays open', async () => {
    h.asterisk().endpoint('PJSIP/ward1', neverAnswers()).endpoint(CITIZEN_LEG, answers());
    const id = await ticket({ outcome: 'voicemail' });
    const { agent, csrf } = await signIn(app, 'admin.cb');
    await agent.post(`/api/v1/tickets/${id}/callback`).set('X-CSRF-Token', csrf).send({}).expect(202);
    const events = await finished(id);
    assert.deepEqual(
      events.map((e) => `${e.kind}${e.data.result ? ` ${e.data.result}` : ''}`),
      ['callback.requested', 'callback.result official-no-answer'],
    );
    assert.deepEqual(h.asterisk().legs(CITIZEN_LEG), []);
    assert.equal((await h.db().db.knex('tickets').where({ id }).first()).needs_callback, true);
  });

  it('rings the contact the user picks, and keeps the follow-up open when asked to', async () => {
    const deputy = await h
      .db()
      .db.knex('contacts')
      .where({ name: 'Phó Chủ tịch phường Phúc Diễn' })
      .first('id');
    h.asterisk()
      .endpoint('PJSIP/0912000101@trunk', answers({ afterMs: 20 }))
      .endpoint(CITIZEN_LEG, answers({ afterMs: 20, hangsUpAfterMs: 200 }));
    const id = await ticket({ outcome: 'answered', rating: 3, needs_callback: true });
    const { agent, csrf } = await signIn(app, 'admin.cb');
    const res = await agent
      .post(`/api/v1/tickets/${id}/callback`)
      .set('X-CSRF-Token', csrf)
      .send({ contactId: deputy.id, closeFollowUp: false })
      .expect(202);
    assert.equal(res.body.official.name, 'Phó Chủ tịch phường Phúc Diễn');
    const events = await finished(id);
    assert.equal(events.at(-1)?.data.result, 'connected');
    assert.equal(events[0]?.data.dial, '+84***01');
    assert.equal((await h.db().db.knex('tickets').where({ id }).first()).needs_callback, true);
  });

  it('refuses by scope, role, CSRF and ticket state, dialing nothing', async () => {
    const id = await ticket();
    const other = await signIn(app, 'ward12.cb');
    const hidden = await other.agent
      .post(`/api/v1/tickets/${id}/callback`)
      .set('X-CSRF-Token', other.csrf)
      .send({});
    assert.equal(hidden.status, 404, "another ward's ticket does not exist for them");
    const viewer = await signIn(app, 'viewer.cb');
    const read = await viewer.agent
      .post(`/api/v1/tickets/${id}/callback`)
      .set('X-CSRF-Token', viewer.csrf)
      .send({});
    assert.equal(read.status, 403);
    const admin = await signIn(app, 'admin.cb');
    const noCsrf = await admin.agent.post(`/api/v1/tickets/${id}/callback`).send({});
    assert.deepEqual([noCsrf.status, noCsrf.body.error.code], [403, 'csrf-failed']);
    const fine = await ticket({ outcome: 'answered', needs_callback: false, rating: 1 });
    const notNeeded = await admin.agent
      .post(`/api/v1/tickets/${fine}/callback`)
      .set('X-CSRF-Token', admin.csrf)
      .send({});
    assert.deepEqual([notNeeded.status, notNeeded.body.error.code], [409, 'callback-not-needed']);
    const anonymous = await ticket({ caller_number: null, caller_anonymous: true });
    const noNumber = await admin.agent
      .post(`/api/v1/tickets/${anonymous}/callback`)
      .set('X-CSRF-Token', admin.csrf)
      .send({});
    assert.deepEqual([noNumber.status, noNumber.body.error.code], [409, 'no-caller-number']);
    const elsewhere = await h
      .db()
      .db.knex('contacts')
      .where({ name: 'Chủ tịch phường Xuân Đỉnh' })
      .first('id');
    const wrongContact = await admin.agent
      .post(`/api/v1/tickets/${id}/callback`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ contactId: elsewhere.id });
    assert.equal(wrongContact.status, 404, 'a contact of another unit cannot be picked');
    assert.deepEqual(h.asterisk().dialed(), []);
    assert.deepEqual(
      (await timeline(id)).map((e) => e.kind),
      [],
    );
  });

  it('answers 503 with a clear error when ARI is not configured', async () => {
    const id = await ticket();
    const withoutAri = liveApp(h, { withCallbacks: false }).app;
    const { agent, csrf } = await signIn(withoutAri, 'admin.cb');
    const res = await agent
      .post(`/api/v1/tickets/${id}/callback`)
      .set('X-CSRF-Token', csrf)
      .send({})
      .expect(503);
    assert.equal(res.body.error.code, 'callbacks-unavailable');
    assert.match(res.body.error.message, /ARI_URL is not set/);
  });
});
