import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { childEnv, freePort, makeTempDir, REPO_ROOT, startNode, type TempDir } from '../support/processes';

/**
 * `npm start` builds with tsc when a source changed, and runs node on dist/: CommonJS output can
 * fail where tsx does not (a variable named `exports` once did), so the built service is started
 * here as a user starts it.
 */
const buildWhenStale = () =>
  spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-when-stale.mjs')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });

describe('the built service (npm start: build when stale, then node dist/server/main.js)', function () {
  this.timeout(90_000);
  let dataDir: TempDir;

  before(() => {
    dataDir = makeTempDir('hotline-built');
    const build = buildWhenStale();
    assert.equal(build.status, 0, `the build failed:\n${build.stdout}${build.stderr}`);
  });
  after(() => dataDir.remove());

  it('builds nothing again while no source changed', () => {
    const again = buildWhenStale();
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout, '', 'no rebuild announced');
  });

  it('serves /healthz, the admin page and its bundled script, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const server = startNode(
      'dist/server/main.js',
      [],
      childEnv({ PORT: String(port), DATA_DIR: dataDir.path, NODE_ENV: 'production' }),
    );
    try {
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 30_000;
      let health: Response | undefined;
      while (!health && Date.now() < deadline) {
        health = await fetch(`${base}/healthz`).catch(() => undefined);
        if (!health) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.equal(health?.status, 200, `no healthy service; stderr:\n${server.stderr()}`);
      const page = await (await fetch(`${base}/`)).text();
      const script = /<script[^>]+src="([^"]+)"/.exec(page)?.[1];
      assert.ok(script, 'the admin page loads its script');
      const asset = await fetch(`${base}${script}`);
      assert.equal(asset.status, 200);
      assert.match(asset.headers.get('content-type') ?? '', /javascript/);
    } finally {
      server.child.kill('SIGTERM');
    }
    const exited = await server.exited;
    assert.equal(exited.code, 0, exited.stderr);
  });
});
