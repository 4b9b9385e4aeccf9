import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../core/db/database';
import { verifyPassword } from '../../core/users/password';
import {
  childEnv,
  freePort,
  makeTempDir,
  type ProcessResult,
  type RunningProcess,
  runTsx,
  startTsx,
  type TempDir,
} from '../support/processes';

const BANNER = 'First start: an administrator account was created.';
const START_DEADLINE_MS = 30_000;

/** Polls /healthz until it answers 200; fails at once if the process dies, or after the deadline. */
async function waitForHealthy(server: RunningProcess, port: number): Promise<Record<string, unknown>> {
  let exited: ProcessResult | undefined;
  void server.exited.then((result) => {
    exited = result;
  });
  const deadline = Date.now() + START_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (exited)
      assert.fail(`the service exited with ${exited.code} before it was healthy:\n${exited.stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) return (await res.json()) as Record<string, unknown>;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`/healthz did not answer 200 within ${START_DEADLINE_MS} ms; output:\n${server.stdout()}`);
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('starting the service (server/main.ts)', function () {
  this.timeout(90_000);
  let dataDir: TempDir;
  let running: RunningProcess | undefined;

  before(() => {
    dataDir = makeTempDir('hotline-start');
  });
  afterEach(async () => {
    // Only when a test failed half-way: never leave a server behind.
    if (running && running.child.exitCode === null && running.child.signalCode === null) {
      running.child.kill('SIGTERM');
      await running.exited;
    }
    running = undefined;
  });
  after(() => dataDir?.remove());

  it('exits 1 on a bad PORT, naming it, before touching any database', async () => {
    const result = await runTsx('server/main.ts', [], childEnv({ PORT: 'abc', DATA_DIR: dataDir.path }));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^Invalid configuration:\n {2}- PORT must be a whole number \(got "abc"\)/);
    assert.match(result.stderr, /See \.env\.example/);
    assert.deepEqual(readdirSync(dataDir.path), []);
  });

  let adminPassword = '';

  it('serves /healthz on the embedded database, prints the first admin once, and stops on SIGTERM', async () => {
    const port = await freePort();
    running = startTsx('server/main.ts', [], childEnv({ PORT: String(port), DATA_DIR: dataDir.path }));
    const health = await waitForHealthy(running, port);
    assert.equal(health.status, 'ok');
    assert.deepEqual(health.db, { status: 'up' }, '/healthz shows states only');
    const readiness = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as {
      db: { kind: string };
    };
    assert.equal(readiness.db.kind, 'pglite');

    running.child.kill('SIGTERM');
    const result = await running.exited;
    assert.deepEqual({ code: result.code, signal: result.signal }, { code: 0, signal: null }, result.stderr);

    assert.equal(occurrences(result.stdout, BANNER), 1, result.stdout);
    const password = /^ password: (\S+)$/m.exec(result.stdout)?.[1];
    assert.ok(password, 'the banner shows the password');
    adminPassword = password;
    assert.equal(
      occurrences(result.stdout + result.stderr, password),
      1,
      'the password appears only in the banner',
    );
    assert.match(result.stdout, /loaded the bac-tu-liem \(sample\) organisation/);
    assert.match(result.stdout, /shutting down .*SIGTERM[\s\S]*stopped/);
  });

  it('left a database under DATA_DIR where that password signs the admin in', async () => {
    assert.ok(adminPassword, 'the previous test captured the password');
    const db = await openDatabase({ kind: 'pglite', directory: path.join(dataDir.path, 'pglite') });
    try {
      const admin = await db.knex('users').where({ username: 'admin' }).first('password_hash');
      assert.equal(await verifyPassword(adminPassword, admin.password_hash), true);
      const units = await db.knex('units').count<{ count: number }>({ count: '*' }).first();
      assert.equal(units?.count, 31);
    } finally {
      await db.close();
    }
  });

  it('creates no second admin on the next start', async () => {
    const port = await freePort();
    running = startTsx('server/main.ts', [], childEnv({ PORT: String(port), DATA_DIR: dataDir.path }));
    await waitForHealthy(running, port);
    running.child.kill('SIGTERM');
    const result = await running.exited;
    assert.equal(result.code, 0, result.stderr);
    assert.equal(occurrences(result.stdout, BANNER), 0, result.stdout);
    assert.doesNotMatch(result.stdout, /loaded the bac-tu-liem/);
  });
});
