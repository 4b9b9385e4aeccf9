import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../support/processes';

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'test-prerequisites.sh');

function check(env: Record<string, string>) {
  return spawnSync('bash', [SCRIPT, '--check'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', ...env } });
}

describe('npm test prerequisites (scripts/test-prerequisites.sh)', () => {
  it('passes on this machine, where chromium, docker-compose and fonts-dejavu-core are installed', () => {
    const result = check({});
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
  });

  it('stops with one line naming what to install when a prerequisite is missing', () => {
    const result = check({ CHROMIUM: '/nonexistent/chromium', PATH: '/bin' });
    assert.equal(result.status, 1);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(
      lines[0] ?? '',
      /^npm test needs chromium( docker-compose)?: install with 'sudo apt-get install chromium/,
    );
  });

  it('names fonts-dejavu-core when the poster font is missing', () => {
    const result = check({ DEJAVU_DIR: '/nonexistent/dejavu' });
    assert.equal(result.status, 1);
    assert.match(
      result.stderr.trim(),
      /^npm test needs fonts-dejavu-core: install with 'sudo apt-get install fonts-dejavu-core'$/,
    );
  });
});
