import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { REPO_ROOT } from '../support/processes';

const COMPOSE_FILE = path.join(REPO_ROOT, 'docker-compose.yml');

interface ComposeService {
  image?: string;
  ports?: string[];
  build?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const compose = load(readFileSync(COMPOSE_FILE, 'utf8')) as { services: Record<string, ComposeService> };

describe('docker-compose.yml, the pilot stack', () => {
  it('runs PostgreSQL, a maintained Asterisk 20+, the service built here, and a mail catcher', () => {
    const { services } = compose;
    assert.deepEqual(Object.keys(services).sort(), ['asterisk', 'hotline', 'mailpit', 'postgres']);
    const asteriskMajor = Number(/^andrius\/asterisk:(\d+)/.exec(services.asterisk?.image ?? '')?.[1]);
    assert.ok(asteriskMajor >= 20, `Asterisk image ${services.asterisk?.image}`);
    assert.equal(services.hotline?.build, '.');
    assert.equal(services.hotline?.depends_on?.postgres?.condition, 'service_healthy');
  });

  it('points the service at the stack: PostgreSQL, ARI and AMI on Asterisk, mail to the catcher', () => {
    const env = compose.services.hotline?.environment ?? {};
    assert.match(env.DATABASE_URL ?? '', /@postgres:5432\/hotline$/);
    assert.equal(env.ARI_URL, 'http://asterisk:8088');
    assert.equal(env.AMI_HOST, 'asterisk');
    assert.equal(env.SMTP_URL, 'smtp://mailpit:1025');
  });

  it('mounts the rendered dialplans and the committed prompts into Asterisk', () => {
    const volumes = compose.services.asterisk?.volumes ?? [];
    for (const file of ['extensions.conf', 'pjsip.conf', 'ari.conf', 'http.conf', 'manager.conf']) {
      assert.ok(volumes.includes(`./deploy/asterisk/${file}:/etc/asterisk/${file}:ro`), file);
    }
    const prompts = volumes.find((volume) => volume.endsWith(':/var/lib/asterisk/sounds/hotline/vi:ro'));
    assert.ok(prompts, 'prompts mounted where sound:hotline/vi/<id> finds them');
    assert.ok(existsSync(path.join(REPO_ROOT, (prompts as string).split(':')[0] as string, 'welcome.wav')));
  });

  it("publishes exactly the RTP range the pilot's rtp.conf gives Asterisk, wide enough for 100 calls at once", () => {
    const rtp = readFileSync(path.join(REPO_ROOT, 'deploy/asterisk-static/rtp.conf'), 'utf8');
    const start = Number(/^rtpstart=(\d+)$/m.exec(rtp)?.[1]);
    const end = Number(/^rtpend=(\d+)$/m.exec(rtp)?.[1]);
    const channelsAtOnce = Math.floor((end - start + 1) / 2);
    assert.ok(
      channelsAtOnce >= 200,
      `${channelsAtOnce} channels: a citizen and an official each take a port pair`,
    );
    assert.ok(
      compose.services.asterisk?.ports?.includes(`${start}-${end}:${start}-${end}/udp`),
      'compose publishes rtp.conf range',
    );
  });

  it('passes `docker-compose config` (npm test installs the tool, scripts/test-prerequisites.sh)', () => {
    const result = spawnSync('docker-compose', ['-f', COMPOSE_FILE, 'config', '--quiet'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    assert.equal(result.error, undefined, 'docker-compose runs');
    assert.equal(result.status, 0, result.stderr);
  });
});
