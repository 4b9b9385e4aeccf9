import assert from 'node:assert/strict';
import request from 'supertest';
import { AriStoredRecordings } from '../../ivr/ari/ari-stored-recordings';
import { ticketEventSchema, ticketSchema } from '../../server/api/tickets/tickets.schemas';
import { AsteriskEmulator } from '../support/asterisk';
import { freePort } from '../support/processes';
import { countRows } from '../support/tables';
import { type ApiHarness, apiHarness, insertTickets, insertUnits, type SignedIn } from './api.fixture';

/** A stand-in for Asterisk's HTTP server: stored recordings behind basic auth. */
describe('API tickets: edit, notes, recordings', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let viewer: SignedIn;
  let ids: number[];

  before(async () => {
    h = await apiHarness();
    const units = await insertUnits(h.knex, [
      { code: '1', name: 'Phường Một' },
      { code: '2', name: 'Phường Hai' },
    ]);
    ids = await insertTickets(h.knex, [
      {
        code: 'HL-2026-000001',
        unitId: units.get('1') ?? null,
        receivedAt: new Date('2026-11-16T01:00:00Z'),
        recordingName: 'hotline-call-1',
      },
      {
        code: 'HL-2026-000002',
        unitId: units.get('2') ?? null,
        receivedAt: new Date('2026-11-16T02:00:00Z'),
        recordingName: 'hotline-call-2',
      },
      {
        code: 'HL-2026-000003',
        unitId: units.get('1') ?? null,
        receivedAt: new Date('2026-11-16T03:00:00Z'),
        recordingName: 'hotline-gone',
      },
    ]);
    ({ admin, official, viewer } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  const patch = (who: SignedIn, id: number | undefined, body: object) =>
    who.agent.patch(`/api/v1/tickets/${id}`).set('X-CSRF-Token', who.csrf).send(body);

  it('edits fields and walks the status forward, each change on the timeline and in the audit log', async () => {
    const id = ids[0];
    const res = await patch(official, id, {
      category: 'Đất đai',
      summary: 'Hỏi tiến độ cấp sổ đỏ',
      status: 'in_progress',
      dueAt: '2026-11-20T10:00:00Z',
    }).expect(200);
    ticketSchema.parse(res.body);
    assert.deepEqual(
      [res.body.category, res.body.summary, res.body.status, res.body.dueAt],
      ['Đất đai', 'Hỏi tiến độ cấp sổ đỏ', 'in_progress', '2026-11-20T10:00:00.000Z'],
    );
    const kinds = res.body.events.map((event: { kind: string }) => event.kind);
    assert.deepEqual(kinds, ['status.changed', 'ticket.edited']);
    assert.deepEqual(res.body.events[0].actor.username, 'official');
    assert.deepEqual(res.body.events[1].data.changes.category, { from: null, to: 'Đất đai' });
    await patch(official, id, { status: 'resolved' }).expect(200);
    assert.equal(await countRows(h.knex, 'audit_log', { action: 'ticket.update', entity_id: String(id) }), 2);
  });

  it('refuses a skipped step or a reopening without reason with a 400 naming statusReason', async () => {
    const id = ids[0];
    const jump = await patch(admin, ids[2], { status: 'closed' }).expect(400);
    assert.equal(jump.body.error.details.issues[0].path, 'statusReason');
    const noReason = await patch(admin, id, { status: 'in_progress' }).expect(400);
    assert.equal(noReason.body.error.details.issues[0].path, 'statusReason');
    const reopened = await patch(admin, id, {
      status: 'in_progress',
      statusReason: 'Công dân gọi lại',
    }).expect(200);
    const last = reopened.body.events.at(-1);
    assert.deepEqual(last.data, { from: 'resolved', to: 'in_progress', reason: 'Công dân gọi lại' });
  });

  it('changes nothing and adds no event when the values are the same', async () => {
    const before = await countRows(h.knex, 'ticket_events', { ticket_id: ids[2] });
    await patch(admin, ids[2], { status: 'new', confidential: false }).expect(200);
    assert.equal(await countRows(h.knex, 'ticket_events', { ticket_id: ids[2] }), before);
  });

  it('validates the body and names the field', async () => {
    const cases: Array<[object, string]> = [
      [{}, 'body'],
      [{ status: 'done' }, 'status'],
      [{ dueAt: 'tomorrow' }, 'dueAt'],
      [{ confidential: 'yes' }, 'confidential'],
      [{ colour: 'red' }, 'body'],
    ];
    for (const [body, path] of cases) {
      const res = await patch(admin, ids[2], body).expect(400);
      assert.ok(
        res.body.error.details.issues.some((issue: { path: string }) => issue.path === path),
        `${JSON.stringify(body)} → ${JSON.stringify(res.body.error.details.issues)}`,
      );
    }
  });

  it('lets no viewer write, no official touch another ward, nobody write without the CSRF token', async () => {
    assert.equal((await patch(viewer, ids[2], { summary: 'x' }).expect(403)).body.error.code, 'forbidden');
    await patch(official, ids[1], { summary: 'x' }).expect(404);
    const csrf = await admin.agent.patch(`/api/v1/tickets/${ids[2]}`).send({ summary: 'x' }).expect(403);
    assert.equal(csrf.body.error.code, 'csrf-failed');
    const note = await admin.agent.post(`/api/v1/tickets/${ids[2]}/notes`).send({ text: 'x' }).expect(403);
    assert.equal(note.body.error.code, 'csrf-failed');
  });

  it('adds a note to the timeline, written in the audit log', async () => {
    const res = await official.agent
      .post(`/api/v1/tickets/${ids[2]}/notes`)
      .set('X-CSRF-Token', official.csrf)
      .send({ text: '  Đã gọi lại cho công dân  ' })
      .expect(201);
    ticketEventSchema.parse(res.body);
    assert.deepEqual(
      [res.body.kind, res.body.data, res.body.actor.username],
      ['note', { text: 'Đã gọi lại cho công dân' }, 'official'],
    );
    const empty = await official.agent
      .post(`/api/v1/tickets/${ids[2]}/notes`)
      .set('X-CSRF-Token', official.csrf)
      .send({ text: '   ' })
      .expect(400);
    assert.equal(empty.body.error.details.issues[0].path, 'text');
    await viewer.agent
      .post(`/api/v1/tickets/${ids[2]}/notes`)
      .set('X-CSRF-Token', viewer.csrf)
      .send({ text: 'x' })
      .expect(403);
    assert.equal(
      await countRows(h.knex, 'audit_log', { action: 'ticket.note', entity_id: String(ids[2]) }),
      1,
    );
  });

  it('makes a ticket confidential: from then on only admins see its caller', async () => {
    await patch(admin, ids[2], { confidential: true }).expect(200);
    assert.equal((await official.agent.get(`/api/v1/tickets/${ids[2]}`).expect(200)).body.callerMasked, true);
    await viewer.agent.get(`/api/v1/tickets/${ids[2]}`).expect(404);
  });

  describe('recordings', () => {
    let ari: AsteriskEmulator;
    let withAri: SignedIn;
    let officialWithAri: SignedIn;

    before(async () => {
      ari = await AsteriskEmulator.start({ username: 'hotline', password: 'ari-secret' });
      ari.storeRecording('hotline-call-1', 2000);
      const app = h.appWith({
        recordings: new AriStoredRecordings({ url: ari.url, username: 'hotline', password: 'ari-secret' }),
      });
      withAri = await h.signIn('admin', undefined, app);
      officialWithAri = await h.signIn('official', undefined, app);
    });
    after(async () => ari?.stop());

    it('streams the recording from ARI with basic auth, passing Range on, its playing audited', async () => {
      const res = await withAri.agent
        .get(`/api/v1/tickets/${ids[0]}/recording`)
        .set('Range', 'bytes=0-')
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      assert.equal(res.headers['content-type'], 'audio/wav');
      assert.deepEqual(res.body, ari.storedRecording('hotline-call-1'));
      const request = ari.requests().at(-1);
      assert.equal(request?.path, '/ari/recordings/stored/hotline-call-1/file');
      assert.equal(request?.range, 'bytes=0-');
      const played = await h.knex('audit_log').where({ action: 'ticket.play-recording' }).select('*');
      assert.deepEqual(
        played.map((row) => [row.entity_id, row.details.name]),
        [[String(ids[0]), 'hotline-call-1']],
      );
    });

    it('answers 404 when the ticket has none, Asterisk lost it, or the ticket is not yours', async () => {
      await withAri.agent.get(`/api/v1/tickets/${ids[0]}/voicemail`).expect(404);
      await withAri.agent.get(`/api/v1/tickets/${ids[2]}/recording`).expect(404);
      const before = ari.requests().length;
      await officialWithAri.agent.get(`/api/v1/tickets/${ids[1]}/recording`).expect(404);
      assert.equal(ari.requests().length, before, 'Asterisk is not even asked');
    });

    it('offers no recording once retention has deleted it, and does not ask Asterisk for it', async () => {
      const deletedAt = new Date();
      await h.knex('tickets').where({ id: ids[0] }).update({ recording_deleted_at: deletedAt });
      try {
        const ticket = await withAri.agent.get(`/api/v1/tickets/${ids[0]}`).expect(200);
        assert.equal(ticket.body.recording.url, null, 'nothing to play');
        assert.equal(ticket.body.recording.expiredAt, deletedAt.toISOString(), 'the page can say why');
        const before = ari.requests().length;
        await withAri.agent.get(`/api/v1/tickets/${ids[0]}/recording`).expect(404);
        assert.equal(ari.requests().length, before);
      } finally {
        await h.knex('tickets').where({ id: ids[0] }).update({ recording_deleted_at: null });
      }
    });

    it('answers 502 ari-unavailable when ARI is not configured or not reachable', async () => {
      const res = await admin.agent.get(`/api/v1/tickets/${ids[0]}/recording`).expect(502);
      assert.equal(res.body.error.code, 'ari-unavailable');
      const down = h.appWith({
        recordings: new AriStoredRecordings({
          url: `http://127.0.0.1:${await freePort()}`,
          username: 'a',
          password: 'b',
        }),
      });
      const signedIn = await h.signIn('admin', undefined, down);
      const unreachable = await signedIn.agent.get(`/api/v1/tickets/${ids[0]}/recording`).expect(502);
      assert.equal(unreachable.body.error.code, 'ari-unavailable');
    });

    it('requires a session', async () => {
      await request(h.app).get(`/api/v1/tickets/${ids[0]}/recording`).expect(401);
    });
  });
});
