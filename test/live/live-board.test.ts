import assert from 'node:assert/strict';
import request from 'supertest';
import type { RunningServer } from '../../server/http-server';
import type { BoardSnapshot } from '../../server/live/board.schemas';
import { sound, useIvr } from '../ivr/ivr-harness';
import { answers } from '../support/asterisk';
import { createUser, listen, liveApp, SseReader, signIn } from './live.fixture';

const citizen = { from: '0912345678', to: '0889009412' };
const stageOf = (board: BoardSnapshot) => board.calls[0]?.stage;

describe('live board: calls in progress pushed as server-sent events', () => {
  // A long hold prompt keeps the call ringing for longer than one push window.
  // Asterisk's seconds are 100 ms here: a 10 s ring timeout lets the official answer after 600 ms.
  const h = useIvr({ ringTimeoutMs: 10_000 });
  let server: RunningServer;
  let live: ReturnType<typeof liveApp>;
  const readers: SseReader[] = [];

  before(async () => {
    live = liveApp(h, { heartbeatMs: 200 });
    live.board.start();
    server = await listen(live.app, 0, '127.0.0.1');
    await createUser(h, 'admin.live', 'admin');
    await createUser(h, 'ward1.live', 'ward_official', ['1']);
    await createUser(h, 'ward12.live', 'ward_official', ['12']);
    await createUser(h, 'viewer.live', 'viewer');
  });
  afterEach(() => {
    for (const reader of readers.splice(0)) reader.close();
  });
  after(async () => {
    live.board.stop();
    await server.close(0);
  });

  async function stream(username: string) {
    const { cookie } = await signIn(live.app, username);
    const opened = await SseReader.open(server, '/api/v1/live/stream', cookie);
    readers.push(opened.reader);
    return opened;
  }

  it('ends an open stream once its session is signed out', async () => {
    const signedIn = await signIn(live.app, 'viewer.live');
    const { reader } = await SseReader.open(server, '/api/v1/live/stream', signedIn.cookie);
    readers.push(reader);
    await reader.waitFor(() => true, 'the first board');
    await signedIn.agent.post('/api/v1/auth/logout').set('X-CSRF-Token', signedIn.csrf).expect(204);
    await reader.ended;
  });

  it('refuses the stream without a session', async () => {
    const res = await request(live.app).get('/api/v1/live/stream').expect(401);
    assert.equal(res.body.error.code, 'unauthorized');
  });

  it('follows a call through menu, ringing whom and talking with whom, then drops it', async () => {
    // Rings long enough for the board (pushed at most every 200 ms) to show it: an answer is bridged at once.
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 600, hangsUpAfterMs: 800 }));
    const { reader, status, type } = await stream('admin.live');
    assert.equal(status, 200);
    assert.match(type, /^text\/event-stream/);
    const first = await reader.waitFor<BoardSnapshot>(() => true, 'the first board');
    assert.deepEqual(first.calls, []);
    assert.deepEqual(
      first.units.map((u) => u.code),
      ['0', '1', '2', '12'],
    );
    assert.deepEqual(
      first.units.find((u) => u.code === '12')?.onDuty.map((c) => [c.name, c.dial, c.reachability]),
      [
        ['Chủ tịch phường Xuân Đỉnh', 'PJSIP/ward12', 'unknown'],
        ['Trực ban', 'PJSIP/operator', 'unknown'],
      ],
    );

    const call = await h.asterisk().placeCall(citizen);
    const menu = await reader.waitFor<BoardSnapshot>((b) => stageOf(b) === 'menu', 'the call in the menu');
    // Masked until the caller chooses: the call may yet become a confidential complaint.
    assert.equal(menu.calls[0]?.callerNumber, '+84***78');
    assert.equal(menu.calls[0]?.unit, null);
    await call.waitForPlayback(sound('menu'));
    await call.press('12#');
    const ringing = await reader.waitFor<BoardSnapshot>((b) => stageOf(b) === 'ringing', 'the call ringing');
    assert.equal(ringing.calls[0]?.unit?.code, '12');
    assert.equal(ringing.calls[0]?.callerNumber, '+84912345678');
    assert.equal(ringing.calls[0]?.party?.name, 'Chủ tịch phường Xuân Đỉnh');
    const talking = await reader.waitFor<BoardSnapshot>((b) => stageOf(b) === 'talking', 'the call talking');
    assert.equal(talking.calls[0]?.party?.name, 'Chủ tịch phường Xuân Đỉnh');
    assert.ok(Date.parse(talking.calls[0]?.since ?? '') >= Date.parse(ringing.calls[0]?.since ?? ''));
    await call.waitForPlayback(sound('survey'));
    call.hangup();
    await reader.waitFor<BoardSnapshot>(
      (b) => b.calls.length === 0 && reader.events.length > 3,
      'the call gone from the board',
    );
    await h.finalTicket(call.id);
    const audited = await h
      .db()
      .db.knex('audit_log')
      .where({ action: 'ticket.view-caller', entity: 'call', entity_id: call.id });
    assert.deepEqual(
      audited.map((row) => row.details.where),
      ['live-stream'],
      'one audit row for the full number the stream kept showing, not one per push',
    );
  });

  it('scopes the board: ward officials see their units only, viewers see masked numbers', async () => {
    // Rings long enough for the board (pushed at most every 200 ms) to show it: an answer is bridged at once.
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 600, hangsUpAfterMs: 300 }));
    const ward12 = await stream('ward12.live');
    // Signed in before the call: a sign-in on a busy machine can outlast the ringing.
    const ward1 = await signIn(live.app, 'ward1.live');
    const viewer = await signIn(live.app, 'viewer.live');
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('menu'));
    await call.press('12#');
    await ward12.reader.waitFor<BoardSnapshot>(
      (b) => stageOf(b) === 'ringing',
      'ward 12 sees its call ringing',
    );

    const board1 = (await ward1.agent.get('/api/v1/live').expect(200)).body as BoardSnapshot;
    assert.deepEqual(board1.calls, [], "another ward's call is not shown");
    assert.deepEqual(
      board1.units.map((u) => u.code),
      ['1'],
    );
    const seen = (await viewer.agent.get('/api/v1/live').expect(200)).body as BoardSnapshot;
    assert.equal(seen.calls[0]?.callerNumber, '+84***78');
    assert.equal(seen.units.find((u) => u.code === '1')?.onDuty[1]?.dial, '+84***01');
    const viewerAudit = await h.db().db.knex('audit_log').where({ entity: 'call', entity_id: call.id });
    assert.deepEqual(
      viewerAudit.map((row) => row.details.where),
      ['live-stream'],
      "ward 12's stream only: masked views are not audited",
    );
    call.hangup();
    await h.finalTicket(call.id);
  });

  it('coalesces: many changes within the window make one push', async () => {
    const { reader } = await stream('admin.live');
    await reader.waitFor<BoardSnapshot>(() => true, 'the first board');
    const before = reader.events.length;
    const calls = await Promise.all([1, 2, 3, 4, 5].map(() => h.asterisk().placeCall(citizen)));
    await reader.waitFor<BoardSnapshot>((b) => b.calls.length === 5, 'five calls');
    assert.ok(reader.events.length - before <= 2, `pushes: ${reader.events.length - before}`);
    for (const call of calls) call.hangup();
    for (const call of calls) await h.finalTicket(call.id);
  });
});
