import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';
import WebSocket from 'ws';
import { loadConfig } from '../../core/config';
import { advisoryLockKey, LeaderLock } from '../../core/db/leader-lock';
import { createLogger, createSilentLogger } from '../../core/logger';
import { parseOrganisation } from '../../core/seed/organisation.load';
import { seedOrganisation } from '../../core/seed/organisation.seed';
import type { IvrService } from '../../ivr/ivr.service';
import { createApp } from '../../server/app';
import { startTelephony, type Telephony } from '../../server/telephony';
import { useAsteriskEmulator } from '../support/asterisk';
import { createTestDatabase, POSTGRES_SERVER_AVAILABLE, type TestDatabase } from '../support/database';
import { TcpProxy } from '../support/tcp-proxy';
import { eventually, TEST_ORGANISATION, TEST_SETTINGS } from './ivr-harness';

const logger = process.env.TEST_LOG
  ? createLogger({ level: process.env.TEST_LOG, format: 'pretty' })
  : createSilentLogger();
const citizen = { from: '0912345678', to: '0889009412' };

interface Instance {
  ivr: IvrService;
  telephony: Telephony;
  lock: LeaderLock | undefined;
  /** Between this instance's lock and PostgreSQL, when the test cuts it. */
  proxy: TcpProxy | undefined;
}

/**
 * Several IVR instances on one Asterisk emulator and one PostgreSQL database, as production runs
 * a rolling upgrade or a standby. Each test competes for a lock name of its own.
 */
function useInstances(emulator: { sendsApplicationReplaced?: boolean } = {}): {
  asterisk: ReturnType<typeof useAsteriskEmulator>;
  db: () => TestDatabase;
  start(options?: { proxied?: boolean; withoutLock?: boolean; replacedPauseMs?: number }): Promise<Instance>;
  lockName(): string;
} {
  const asterisk = useAsteriskEmulator({
    username: 'hotline',
    password: 'secret',
    msPerSecond: 100,
    ...emulator,
  });
  let testDb: TestDatabase | undefined;
  let dir: string | undefined;
  let lockName = '';
  const running: Instance[] = [];

  before(async () => {
    testDb = await createTestDatabase();
    await seedOrganisation(testDb.db.knex, parseOrganisation('test organisation', TEST_ORGANISATION));
    dir = mkdtempSync(path.join(tmpdir(), 'hotline-leadership-'));
  });
  beforeEach(() => {
    lockName = `ari test-${randomUUID()}/hotline`;
  });
  afterEach(async () => {
    for (const instance of running.splice(0)) {
      await instance.telephony.stop();
      await instance.proxy?.close();
    }
  });
  after(async () => {
    await testDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  return {
    asterisk,
    db: () => testDb as TestDatabase,
    lockName: () => lockName,
    async start(options = {}) {
      const database = testDb as TestDatabase;
      const url = database.url as string;
      const proxy = options.proxied
        ? await TcpProxy.start({ host: new URL(url).hostname, port: Number(new URL(url).port || 5432) })
        : undefined;
      const lock = options.withoutLock
        ? undefined
        : new LeaderLock({ url: proxy ? proxy.proxiedUrl(url) : url, name: lockName, logger });
      const config = loadConfig({
        DATA_DIR: mkdtempSync(path.join(dir as string, 'instance-')),
        DATABASE_URL: url,
        ARI_URL: asterisk().url,
        ARI_USERNAME: 'hotline',
        ARI_PASSWORD: 'secret',
        ARI_APP: 'hotline',
      });
      const telephony = await startTelephony({ ...config, ivr: TEST_SETTINGS }, database.db, logger, {
        leadership: lock ?? null,
        ...(options.replacedPauseMs !== undefined && { replacedPauseMs: options.replacedPauseMs }),
        ariReconnect: { initialBackoffMs: 50, maxBackoffMs: 200, connectTimeoutMs: 2000 },
      });
      const instance = { ivr: telephony.ivr as IvrService, telephony, lock, proxy };
      running.push(instance);
      return instance;
    },
  };
}

/** Places a call, checks which instance took it, and hangs up once it is answered. */
async function callReaches(
  asterisk: ReturnType<typeof useAsteriskEmulator>,
  taker: Instance,
  others: Instance[],
) {
  const call = await asterisk().placeCall(citizen);
  await call.waitForState('Up');
  assert.equal(taker.ivr.activeCalls, 1, 'the active instance took the call');
  for (const other of others) assert.equal(other.ivr.activeCalls, 0, 'a standby took no call');
  call.hangup();
  await eventually(() => taker.ivr.activeCalls === 0, 'the call to end');
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The lock is a PostgreSQL advisory lock: PGlite is one process, always the leader.
if (POSTGRES_SERVER_AVAILABLE) {
  describe('IVR leadership: one instance takes the calls, the others stand by', function () {
    this.timeout(30_000);
    // Asterisk before 22.10.1 tells the older socket ApplicationReplaced; 22.10.1 says nothing, and
    // an instance replaced there steps down once it is back on PostgreSQL (the suite below).
    const h = useInstances({ sendsApplicationReplaced: true });

    it('connects only the lock holder; both are ready for HTTP, their ari part says which takes calls', async () => {
      const a = await h.start();
      await h.asterisk().waitForApp('hotline', 5000);
      const b = await h.start();
      await pause(1500);
      assert.equal(h.asterisk().eventSockets().length, 1, 'the standby never opened a websocket');
      assert.equal(b.ivr.health().status, 'standby');

      const readiness = async (instance: Instance) => {
        const app = createApp({
          logger,
          db: h.db().db,
          healthSources: [instance.ivr],
          requiredForReady: ['ari'],
        });
        return (await request(app).get('/readyz').expect(200)).body.ari;
      };
      const active = await readiness(a);
      assert.equal(active.status, 'up');
      assert.equal(active.role, 'active');
      assert.equal(active.lock, 'held');
      const standby = await readiness(b);
      assert.equal(standby.status, 'standby');
      assert.equal(standby.role, 'standby');
      assert.equal(standby.lock, 'waiting');
      await callReaches(h.asterisk, a, [b]);
    });

    it('hands the calls to the standby when the active instance stops', async () => {
      const a = await h.start();
      await h.asterisk().waitForApp('hotline', 5000);
      const b = await h.start();
      await pause(200);
      await a.ivr.stop();
      const stoppedAt = Date.now();
      await h.asterisk().waitForApp('hotline', 5000);
      logTakeover('after the active instance stopped', Date.now() - stoppedAt);
      assert.equal(b.ivr.health().role, 'active');
      const [first, second] = h.asterisk().eventSockets().slice(-2);
      assert.equal(first?.closeCode, 1000, 'the stopped instance closed its websocket cleanly');
      assert.equal(second?.closeCode, undefined);
      await callReaches(h.asterisk, b, [a]);
    });

    it('takes over when the active instance vanishes from PostgreSQL; the old one, replaced, stands by', async () => {
      const a = await h.start({ proxied: true });
      await h.asterisk().waitForApp('hotline', 5000);
      const b = await h.start();
      await pause(200);
      const socketsBefore = h.asterisk().eventSockets().length;
      a.proxy?.cut();
      const cutAt = Date.now();
      await eventually(
        () => b.ivr.health().role === 'active' && h.asterisk().isServing(),
        'the takeover',
        5000,
      );
      logTakeover("after the active instance's database session died", Date.now() - cutAt);
      await eventually(
        () => a.ivr.health().state === 'replaced',
        'the old instance to hear ApplicationReplaced',
      );
      assert.equal(a.ivr.health().role, 'standby');
      assert.equal(a.ivr.health().status, 'down');
      await eventually(
        () => h.asterisk().eventSockets()[socketsBefore - 1]?.closeCode !== undefined,
        'A closing',
      );
      assert.equal(h.asterisk().eventSockets()[socketsBefore - 1]?.closeCode, 1000);
      await callReaches(h.asterisk, b, [a]);

      a.proxy?.restore();
      await pause(1500);
      assert.equal(a.ivr.health().lock, 'waiting', 'the lock stays with the new active instance');
      assert.equal(h.asterisk().eventSockets().length, socketsBefore + 1, 'the old one did not reconnect');
    });
  });

  describe('IVR leadership: the database is unreachable for the active instance', function () {
    this.timeout(30_000);
    const h = useInstances();

    it('keeps taking calls, then holds the lock again once PostgreSQL answers', async () => {
      const a = await h.start({ proxied: true });
      await h.asterisk().waitForApp('hotline', 5000);
      a.proxy?.cut();
      await eventually(() => a.ivr.health().lock === 'lost', 'the lock connection to die', 5000);
      assert.equal(a.ivr.health().status, 'up');
      assert.equal(a.ivr.health().role, 'active');
      await callReaches(h.asterisk, a, []);
      a.proxy?.restore();
      await eventually(() => a.ivr.health().lock === 'held', 'the lock held again', 5000);
      assert.equal(h.asterisk().eventSockets().length, 1, 'the websocket stayed up throughout');
    });

    it('steps down with a clean close when, back on PostgreSQL, it finds the lock taken', async () => {
      const a = await h.start({ proxied: true });
      await h.asterisk().waitForApp('hotline', 5000);
      const other = new pg.Client({ connectionString: h.db().url });
      await other.connect();
      try {
        a.proxy?.cut();
        const key = advisoryLockKey(h.lockName());
        const tryLock = async () =>
          (await other.query('select pg_try_advisory_lock($1::bigint) as locked', [key])).rows[0].locked;
        const deadline = Date.now() + 5000;
        while (!(await tryLock())) {
          assert.ok(Date.now() < deadline, 'PostgreSQL freed the lock of the session that died');
          await pause(50);
        }
        a.proxy?.restore();
        await eventually(() => a.ivr.health().role === 'standby', 'the step-down', 5000);
        await eventually(
          () => h.asterisk().eventSockets()[0]?.closeCode !== undefined,
          'the socket to close',
        );
        assert.equal(h.asterisk().eventSockets()[0]?.closeCode, 1000);
        assert.equal(a.ivr.health().status, 'standby');
        assert.equal(h.asterisk().isServing(), false);
      } finally {
        await other.end();
      }
      await h.asterisk().waitForApp('hotline', 5000);
      assert.equal(a.ivr.health().role, 'active', 'active again once the other session let go');
    });
  });
}

describe('IVR leadership: another connection takes the ARI app (ApplicationReplaced)', function () {
  this.timeout(20_000);
  // Asterisk before 22.10.1 tells the older socket ApplicationReplaced; 22.10.1 says nothing, and
  // an instance replaced there steps down once it is back on PostgreSQL (the suite below).
  const h = useInstances({ sendsApplicationReplaced: true });

  it('stops claiming calls, does not take the app back during the pause, then competes again', async () => {
    const a = await h.start({ withoutLock: true, replacedPauseMs: 1500 });
    await h.asterisk().waitForApp('hotline', 5000);
    const intruder = new WebSocket(`${h.asterisk().url.replace('http', 'ws')}/ari/events?app=hotline`, {
      headers: { Authorization: `Basic ${Buffer.from('hotline:secret').toString('base64')}` },
    });
    await new Promise((resolve, reject) => intruder.once('open', resolve).once('error', reject));
    await eventually(() => a.ivr.health().state === 'replaced', 'ApplicationReplaced to reach the IVR');
    assert.equal(a.ivr.health().status, 'down');
    assert.equal(a.ivr.health().role, 'standby');
    await eventually(
      () => h.asterisk().eventSockets()[0]?.closeCode !== undefined,
      'the old socket to close',
    );
    assert.equal(h.asterisk().eventSockets()[0]?.closeCode, 1000);
    await pause(500);
    assert.equal(h.asterisk().eventSockets().length, 2, 'no reconnect that would steal the app back');
    intruder.close(1000);
    await eventually(() => a.ivr.health().status === 'up', 'the IVR to take the app again', 5000);
    await callReaches(h.asterisk, a, []);
  });
});

function logTakeover(after: string, ms: number): void {
  process.stdout.write(`      takeover ${after}: ${ms} ms\n`);
}
