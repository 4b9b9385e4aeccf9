import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONFIG_FILE_NAMES } from '../../dialplans/render';
import { checkExtensionsConf } from '../support/asterisk-config.checks';
import { TEST_SECRETS } from './render.fixture';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SAMPLE = path.join(ROOT, 'core', 'seed', 'bac-tu-liem.json');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runDialplan(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      [path.join(ROOT, 'scripts', 'dialplan.ts'), ...args],
      // Only what the script needs: a developer's own ARI_* / SIP_* must not leak into the test.
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run dialplan (child process)', () => {
  let outDir: string;
  beforeEach(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'hotline-dialplan-'));
  });
  afterEach(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('writes the five configs into --out, readable by their owner only', async () => {
    const run = await runDialplan(
      ['--out', outDir, '--units-from', SAMPLE, '--did', '3=02437000003'],
      TEST_SECRETS,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /wrote extensions.conf/);
    assert.deepEqual((await readdir(outDir)).sort(), [...CONFIG_FILE_NAMES].sort());
    const extensions = await readFile(path.join(outDir, 'extensions.conf'), 'utf8');
    assert.deepEqual(checkExtensionsConf(extensions), []);
    assert.match(extensions, /exten => 02437000003,1,Goto\(hotline-units,3,1\)/);
    assert.equal((await stat(path.join(outDir, 'ari.conf'))).mode & 0o777, 0o600);
  });

  const failures: Array<[string, (out: string) => string[], Record<string, string>, RegExp]> = [
    [
      '--out is missing',
      () => ['--units-from', SAMPLE],
      TEST_SECRETS,
      /--out DIR is required[\s\S]*usage: npm run dialplan/,
    ],
    [
      'a flag is unknown',
      (out) => ['--out', out, '--bogus'],
      TEST_SECRETS,
      /Unknown option '--bogus'[\s\S]*usage:/,
    ],
    [
      'a --did is malformed',
      (out) => ['--out', out, '--did', 'three'],
      TEST_SECRETS,
      /--did "three" must be CODE=NUMBER/,
    ],
    [
      'SIP_BIND is not an address and port',
      (out) => ['--out', out, '--units-from', SAMPLE],
      { ...TEST_SECRETS, SIP_BIND: 'everywhere' },
      /SIP_BIND must be an IP address and a port/,
    ],
    [
      'ARI_PASSWORD is empty',
      (out) => ['--out', out, '--units-from', SAMPLE],
      { AMI_PASSWORD: 'x', SIP_SECRET_SEED: TEST_SECRETS.SIP_SECRET_SEED },
      /ARI_PASSWORD is empty/,
    ],
  ];
  for (const [name, args, env, message] of failures) {
    it(`exits 1 with a clear message when ${name}`, async () => {
      const run = await runDialplan(args(outDir), env);
      assert.equal(run.code, 1);
      assert.match(run.stderr, message);
      assert.deepEqual(await readdir(outDir), []);
    });
  }
});
