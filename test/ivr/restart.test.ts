import assert from 'node:assert/strict';
import path from 'node:path';
import { parseOrganisation } from '../../core/seed/organisation.load';
import { seedOrganisation } from '../../core/seed/organisation.seed';
import { HANDED_OVER_TARGET } from '../../ivr/calls/dialplan-contract';
import { answers, type CallHandle, neverAnswers, useAsteriskEmulator } from '../support/asterisk';
import { createTestDatabase, POSTGRES_SERVER_AVAILABLE, type TestDatabase } from '../support/database';
import {
  childEnv,
  freePort,
  makeTempDir,
  REPO_ROOT,
  type RunningProcess,
  startTsx,
  type TempDir,
} from '../support/processes';
import { eventually, heard, kindsOf, TEST_ORGANISATION } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412' };

// The service runs as its own process (server/main.ts), killed with SIGKILL: nothing it would do on a
// graceful stop happens. It needs a database the two processes share, so a PostgreSQL server.
if (POSTGRES_SERVER_AVAILABLE) {
  describe('IVR restart: the service killed mid-call, then started again', function () {
    this.timeout(60_000);
    // Prompts of their real length at a tenth, in step with the emulator's Asterisk seconds.
    const asterisk = useAsteriskEmulator({
      username: 'hotline',
      password: 'secret',
      msPerSecond: 100,
      sounds: { dir: path.join(REPO_ROOT, 'ivr', 'sounds', 'vi'), prefix: 'hotline/vi/' },
      timeScale: 0.1,
    });
    let db: TestDatabase;
    let dataDir: TempDir;
    let service: RunningProcess | undefined;

    before(async () => {
      db = await createTestDatabase();
      await seedOrganisation(db.db.knex, parseOrganisation('test organisation', TEST_ORGANISATION));
      dataDir = makeTempDir('hotline-restart-');
    });

    afterEach(async () => {
      await kill();
    });

    after(async () => {
      await db.drop();
      dataDir.remove();
    });

    async function start(): Promise<void> {
      const port = await freePort();
      service = startTsx(
        'server/main.ts',
        [],
        childEnv({
          PORT: String(port),
          DATA_DIR: dataDir.path,
          DATABASE_URL: db.url as string,
          ARI_URL: asterisk().url,
          ARI_USERNAME: 'hotline',
          ARI_PASSWORD: 'secret',
          LOG_LEVEL: 'warn',
        }),
      );
      await asterisk().waitForApp('hotline', 30_000);
    }

    async function kill(): Promise<void> {
      if (!service) return;
      const running = service;
      service = undefined;
      running.child.kill('SIGKILL');
      await running.exited;
    }

    async function ticketOf(call: CallHandle) {
      return db.db.knex('tickets').where({ asterisk_channel_id: call.id }).first();
    }

    /** Polls the database (which the emulator's waits cannot be woken by) every 25 ms. */
    async function poll(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }

    async function finalTicket(call: CallHandle) {
      await poll(
        async () => (await ticketOf(call))?.outcome != null,
        `an outcome on the ticket of ${call.id}`,
      );
      return ticketOf(call);
    }

    async function timeline(call: CallHandle): Promise<string[]> {
      const rows = await db.db
        .knex('ticket_events as e')
        .join('tickets as t', 't.id', 'e.ticket_id')
        .where('t.asterisk_channel_id', call.id)
        .orderBy('e.seq')
        .select('e.kind');
      return kindsOf(rows);
    }

    const written = (call: CallHandle) =>
      poll(async () => (await ticketOf(call)) !== undefined, `the ticket of ${call.id}`);

    /** A citizen in the menu, on record, when the service is killed. */
    async function killedInTheMenu(): Promise<CallHandle> {
      await start();
      const call = await asterisk().placeCall(citizen);
      await call.waitForPlayback('sound:hotline/vi/menu', { timeoutMs: 5000 });
      await written(call);
      await kill();
      return call;
    }

    it('hands a citizen left in the menu to the dialplan fallback with an apology; meanwhile new calls fail over', async () => {
      const call = await killedInTheMenu();
      assert.ok(call.isInStasis, 'Asterisk keeps the caller in the app: nothing hands it back by itself');
      const meanwhile = await asterisk().placeCall(citizen);
      assert.ok(
        meanwhile.stasisFailed,
        'no websocket serves the app: Stasis() fails and the dialplan routes',
      );

      await start();
      await call.until(() => call.continuedInDialplan, 'the caller handed to the dialplan', {
        timeoutMs: 10_000,
      });
      assert.ok(heard(call).includes('sorry-error'), heard(call).join(', '));
      assert.deepEqual(call.continuedTo, HANDED_OVER_TARGET);
      const ticket = await finalTicket(call);
      assert.equal(ticket.outcome, 'failed');
      const kinds = await timeline(call);
      assert.deepEqual(kinds.slice(-2), ['service.restarted', 'handed-to-dialplan']);
    });

    it('hangs up an official still ringing and hands the citizen over', async () => {
      asterisk().endpoint('PJSIP/ward12', neverAnswers());
      await start();
      const call = await asterisk().placeCall({ ...citizen, args: ['12'] });
      const leg = await asterisk().waitForLeg('PJSIP/ward12', 5000);
      await leg.waitForState('Ringing', { timeoutMs: 5000 });
      await written(call);
      await kill();

      await start();
      await leg.waitForHangup({ timeoutMs: 10_000 });
      await call.until(() => call.continuedInDialplan, 'the caller handed to the dialplan', {
        timeoutMs: 10_000,
      });
      const ticket = await finalTicket(call);
      assert.equal(ticket.outcome, 'failed');
      assert.ok((await timeline(call)).includes('service.restarted'));
    });

    it('keeps a citizen and an official talking, and completes the ticket when they hang up', async () => {
      asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 200 }));
      await start();
      const call = await asterisk().placeCall({ ...citizen, args: ['12'] });
      await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12', {
        timeoutMs: 5000,
      });
      const official = await asterisk().waitForLeg('PJSIP/ward12');
      await poll(async () => (await ticketOf(call))?.answered_at != null, 'the answer on record');
      await kill();

      const listings = () =>
        asterisk()
          .requests()
          .filter((r) => r.path === '/ari/bridges').length;
      const before = listings();
      await start();
      await eventually(() => listings() > before, 'the restarted service listing what the app holds', 5000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(call.isBridgedWith('PJSIP/ward12'), 'still talking after the restart');
      assert.equal(official.state, 'Up', 'the official was not hung up on');
      official.hangup();
      await call.waitForHangup({ timeoutMs: 5000 });
      const ticket = await finalTicket(call);
      assert.equal(ticket.outcome, 'answered');
      assert.equal(ticket.ended_by, 'official');
      assert.equal(ticket.answered_by_name, 'Chủ tịch phường Xuân Đỉnh');
      assert.ok((await timeline(call)).includes('service.restarted'));
    });

    it('closes the ticket of a call that ended while no instance listened', async () => {
      const call = await killedInTheMenu();
      call.hangup();
      await start();
      const ticket = await finalTicket(call);
      assert.equal(ticket.outcome, 'abandoned');
      assert.equal(ticket.needs_callback, true, 'a caller who got nowhere is called back');
      assert.ok((await timeline(call)).includes('service.restarted'));
    });
  });
}
