import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../core/config';
import { createSilentLogger } from '../../core/logger';
import { startTelephony, type Telephony } from '../../server/telephony';
import { useAmiEmulator } from '../support/ami';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('telephony wiring: the AMI monitor as the /healthz "ami" source', () => {
  let database: TestDatabase | undefined;
  let telephony: Telephony | undefined;
  let dataDir: string | undefined;
  before(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), 'hotline-ami-wiring-'));
  });
  afterEach(async () => {
    await telephony?.stop();
    telephony = undefined;
  });
  after(async () => {
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const ami = useAmiEmulator({ username: 'hotline', password: 'ami-secret' });

  const amiSource = () => {
    const source = telephony?.healthSources.find((candidate) => candidate.name === 'ami');
    assert.ok(source, 'an "ami" health source');
    return source;
  };

  it('is "disabled" when AMI_HOST is not set', async () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    telephony = await startTelephony(config, (database as TestDatabase).db, createSilentLogger());
    assert.deepEqual(amiSource().health(), { status: 'disabled' });
    assert.equal(ami().logins, 0);
  });

  it('starts the monitor with the AMI_* settings when AMI_HOST is set', async () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      AMI_HOST: ami().host,
      AMI_PORT: String(ami().port),
      AMI_USERNAME: 'hotline',
      AMI_PASSWORD: 'ami-secret',
    });
    ami().setContact('ward1', 'Unreachable');
    telephony = await startTelephony(config, (database as TestDatabase).db, createSilentLogger());
    const deadline = Date.now() + 1500;
    while (amiSource().health().status !== 'up') {
      if (Date.now() > deadline) assert.fail(`AMI never up: ${JSON.stringify(amiSource().health())}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.deepEqual(amiSource().health().endpoints, { reachable: 0, unreachable: 1, unknown: 0 });
    await telephony.stop();
    telephony = undefined;
    assert.equal(ami().actions('Logoff').length, 1, 'stopping telephony logs off');
  });
});
