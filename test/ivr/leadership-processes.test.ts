import assert from 'node:assert/strict';
import { useAsteriskEmulator } from '../support/asterisk';
import { createTestDatabase, POSTGRES_SERVER_AVAILABLE, type TestDatabase } from '../support/database';
import {
  childEnv,
  freePort,
  makeTempDir,
  type RunningProcess,
  startTsx,
  type TempDir,
} from '../support/processes';
import { eventually } from './ivr-harness';

interface Server {
  process: RunningProcess;
  port: number;
}

async function readiness(server: Server): Promise<{ httpStatus: number; ari?: { role?: string } }> {
  try {
    const res = await fetch(`http://127.0.0.1:${server.port}/readyz`);
    return { httpStatus: res.status, ...((await res.json()) as { ari?: { role?: string } }) };
  } catch {
    return { httpStatus: 0 };
  }
}

async function until<T>(
  probe: () => Promise<T>,
  isDone: (value: T) => boolean,
  what: string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (isDone(value)) return value;
    assert.ok(Date.now() < deadline, `timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Two real service processes on one PostgreSQL database: the advisory lock needs a server.
if (POSTGRES_SERVER_AVAILABLE) {
  describe('IVR leadership across processes: the active one is killed', function () {
    this.timeout(90_000);
    const asterisk = useAsteriskEmulator({ username: 'hotline', password: 'secret', msPerSecond: 100 });
    let database: TestDatabase;
    let dataDir: TempDir;
    const servers: Server[] = [];

    before(async () => {
      database = await createTestDatabase();
      dataDir = makeTempDir('hotline-leadership');
    });
    after(async () => {
      for (const server of servers) {
        if (server.process.child.exitCode === null && server.process.child.signalCode === null) {
          server.process.child.kill('SIGTERM');
          await server.process.exited;
        }
      }
      await database?.drop();
      dataDir?.remove();
    });

    async function startServer(name: string): Promise<Server> {
      const port = await freePort();
      const running = startTsx(
        'server/main.ts',
        [],
        childEnv({
          PORT: String(port),
          DATA_DIR: `${dataDir.path}/${name}`,
          DATABASE_URL: database.url as string,
          ARI_URL: asterisk().url,
          ARI_USERNAME: 'hotline',
          ARI_PASSWORD: 'secret',
          LOG_LEVEL: 'warn',
        }),
      );
      const server = { process: running, port };
      servers.push(server);
      await until(
        () => readiness(server),
        (r) => r.httpStatus === 200,
        `${name} to be ready`,
        30_000,
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(await readiness(server))}\n${running.stderr()}`);
      });
      return server;
    }

    it('a standby process takes the calls within seconds of the active process being killed (SIGKILL)', async () => {
      const first = await startServer('first');
      await asterisk().waitForApp('hotline', 10_000);
      const second = await startServer('second');
      assert.equal((await readiness(first)).ari?.role, 'active');
      assert.equal((await readiness(second)).ari?.role, 'standby');
      const socketsBefore = asterisk().eventSockets().length;

      first.process.child.kill('SIGKILL');
      const killedAt = Date.now();
      await first.process.exited;
      await eventually(
        () => asterisk().eventSockets().length > socketsBefore && asterisk().isServing(),
        'the standby to connect',
        10_000,
      );
      process.stdout.write(
        `      takeover after SIGKILL of the active process: ${Date.now() - killedAt} ms\n`,
      );
      await until(
        () => readiness(second),
        (r) => r.ari?.role === 'active',
        'the standby to be active',
        5000,
      );

      const call = await asterisk().placeCall({ from: '0912345678', to: '0889009412' });
      await call.waitForState('Up', { timeoutMs: 5000 });
      call.hangup();
      await call.waitForHangup();
    });
  });
}
