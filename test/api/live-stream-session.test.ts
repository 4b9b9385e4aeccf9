import assert from 'node:assert/strict';
import type express from 'express';
import request from 'supertest';
import type { NotificationListener } from '../../core/db/notification-listener';
import { SessionCache } from '../../server/api/auth/session-cache';
import type { LiveFeed } from '../../server/api/live/live.routes';
import { listen, type RunningServer } from '../../server/http-server';
import type { BoardSnapshot } from '../../server/live/board.schemas';
import { SseReader, signIn } from '../live/live.fixture';
import { POSTGRES_SERVER_AVAILABLE } from '../support/database';
import { type ApiHarness, apiHarness, listenForSessionNotices } from './api.fixture';

/** A board whose pushes the test makes, one at a time. */
class HandFedBoard implements LiveFeed {
  private readonly listeners = new Set<(snapshot: BoardSnapshot) => void>();
  constructor(private readonly board: BoardSnapshot) {}
  snapshot(): BoardSnapshot {
    return this.board;
  }
  subscribe(listener: (snapshot: BoardSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  push(): void {
    for (const listener of this.listeners) listener(this.board);
  }
}

type Board = { units: { code: string }[] };
const unitCodes = (board: Board) => board.units.map((unit) => unit.code).join(',');
const START = new Date('2026-12-02T02:00:00Z');

let h: ApiHarness;

describe('live stream: follows its session', () => {
  let app: express.Express;
  let server: RunningServer;
  let feed: HandFedBoard;
  let listener: NotificationListener | undefined;
  let clock = START;
  const cache = new SessionCache();
  const readers: SseReader[] = [];

  before(async () => {
    h = await apiHarness({
      now: () => clock,
      sessionCache: cache,
      loginRateLimit: { max: 1000, windowMs: 60_000 },
      auth: { sessionIdleMs: 3600_000 },
      // Neither a heartbeat nor a push ends a stream in these tests unless the test makes one.
      liveHeartbeatMs: 3600_000,
    });
    const units = await h
      .knex('units')
      .insert([
        { code: '1', name: 'Phường Một', kind: 'ward' },
        { code: '2', name: 'Phường Hai', kind: 'ward' },
      ])
      .returning(['id', 'code', 'name']);
    feed = new HandFedBoard({
      at: START.toISOString(),
      telephony: true,
      connected: true,
      calls: [],
      units: units.map((unit) => ({ id: unit.id, code: unit.code, name: unit.name, onDuty: [] })),
    });
    app = h.appWith({ live: feed });
    server = await listen(app, 0, '127.0.0.1');
    await h.user('viewer', 'viewer');
    await h.user('official', 'ward_official', ['1']);
    if (POSTGRES_SERVER_AVAILABLE) {
      listener = await listenForSessionNotices(h, cache);
    }
  });
  beforeEach(() => {
    clock = START;
  });
  afterEach(() => {
    for (const reader of readers.splice(0)) reader.close();
  });
  after(async () => {
    await listener?.stop();
    await server?.close(0);
    await h?.test.drop();
  });

  async function open(cookie: string) {
    const opened = await SseReader.open(server, '/api/v1/live/stream', cookie);
    readers.push(opened.reader);
    return opened;
  }

  async function streaming(username: string) {
    const signedIn = await signIn(app, username);
    const { reader, status } = await open(signedIn.cookie);
    assert.equal(status, 200);
    await reader.waitFor(() => true, 'the first board');
    return { ...signedIn, reader };
  }

  it('ends at once when its session signs out, with no push or heartbeat to wait for', async () => {
    const { agent, csrf, reader } = await streaming('viewer');
    await agent.post('/api/v1/auth/logout').set('X-CSRF-Token', csrf).expect(204);
    await reader.ended;
  });

  it("ends the user's other sessions' streams at once on a password change, and keeps this one's", async () => {
    const changer = await streaming('viewer');
    const other = await streaming('viewer');
    await changer.agent
      .post('/api/v1/auth/password')
      .set('X-CSRF-Token', changer.csrf)
      .send({ currentPassword: 'correct horse battery', newPassword: 'a fresh long passphrase' })
      .expect(204);
    await other.reader.ended;
    const before = changer.reader.events.length;
    feed.push();
    await changer.reader.waitFor(() => changer.reader.events.length > before, 'a push after the change');
    await changer.agent
      .post('/api/v1/auth/password')
      .set('X-CSRF-Token', changer.csrf)
      .send({ currentPassword: 'a fresh long passphrase', newPassword: 'correct horse battery' })
      .expect(204);
  });

  it('ends at the first push after the session expired', async () => {
    const { reader } = await streaming('viewer');
    clock = new Date(START.getTime() + 3600_000 + 1);
    feed.push();
    await reader.ended;
  });

  it('refuses a fourth stream of one session with 429 too-many-streams, and takes one again once another closes', async () => {
    const signedIn = await signIn(app, 'viewer');
    const first = await open(signedIn.cookie);
    for (let i = 0; i < 2; i += 1) assert.equal((await open(signedIn.cookie)).status, 200);
    const refused = await request(app).get('/api/v1/live/stream').set('Cookie', signedIn.cookie);
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'too-many-streams');
    assert.equal(refused.body.error.details.max, 3);
    const elsewhere = await streaming('viewer');
    assert.ok(elsewhere.reader.events.length > 0, 'another session of the same user has its own three');
    first.reader.close();
    let again = await open(signedIn.cookie);
    // The server learns of the closed socket a moment later; until then it still counts three.
    while (again.status === 429) {
      again.reader.close();
      await new Promise((resolve) => setTimeout(resolve, 20));
      again = await open(signedIn.cookie);
    }
    assert.equal(again.status, 200);
  });

  if (POSTGRES_SERVER_AVAILABLE) {
    it('pushes the new scope at once when a ward official is moved to another unit (a notice from the database)', async () => {
      const { reader } = await streaming('official');
      assert.equal(unitCodes(reader.events[0]?.data as Board), '1');
      const user = await h.knex('users').where({ username: 'official' }).first('id');
      const two = await h.knex('units').where({ code: '2' }).first('id');
      await h.knex('user_units').where({ user_id: user.id }).update({ unit_id: two.id });
      await reader.waitFor((board: Board) => unitCodes(board) === '2', 'the board of unit 2');
      feed.push();
      const last = () => reader.events.at(-1)?.data as Board;
      await reader.waitFor(() => reader.events.length >= 3, 'the next push');
      assert.equal(unitCodes(last()), '2', 'and every push after it');
    });

    it('ends at once when the user is disabled (a notice from the database)', async () => {
      await h.user('leaving', 'viewer');
      const { reader } = await streaming('leaving');
      await h.knex('users').where({ username: 'leaving' }).update({ active: false });
      await reader.ended;
    });
  }
});
