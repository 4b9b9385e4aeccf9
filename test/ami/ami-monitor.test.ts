import assert from 'node:assert/strict';
import { createSilentLogger } from '../../core/logger';
import { AmiMonitor, type AmiMonitorOptions } from '../../ivr/ami/ami.monitor';
import { useAmiEmulator } from '../support/ami';

const CREDENTIALS = { username: 'hotline', password: 'ami-secret' };

async function eventually(predicate: () => boolean, what: string, timeoutMs = 1500): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('AMI monitor against the AMI emulator (real TCP)', () => {
  let monitor: AmiMonitor | undefined;
  // Registered before the emulator's own hook, so the monitor is gone before the emulator resets.
  afterEach(async () => {
    await monitor?.stop();
    monitor = undefined;
  });
  const ami = useAmiEmulator(CREDENTIALS);

  function startMonitor(overrides: Partial<AmiMonitorOptions> = {}): AmiMonitor {
    monitor = new AmiMonitor({
      host: ami().host,
      port: ami().port,
      ...CREDENTIALS,
      logger: createSilentLogger(),
      pollIntervalMs: 60_000,
      heartbeatMs: 60_000,
      actionTimeoutMs: 300,
      initialBackoffMs: 10,
      maxBackoffMs: 40,
      ...overrides,
    });
    monitor.start();
    return monitor;
  }

  const up = (m: AmiMonitor) => eventually(() => m.health().status === 'up', 'AMI up');
  const down = (m: AmiMonitor) => eventually(() => m.health().status === 'down', 'AMI down');
  const state = (m: AmiMonitor, endpoint: string) => m.reachability(endpoint);

  it('logs in, lists the contacts and reports each endpoint', async () => {
    ami()
      .setContact('ward1', 'Reachable')
      .setContact('ward12', 'Unreachable')
      .setContact('ward2', 'NonQualified');
    const m = startMonitor();
    assert.equal(m.health().status, 'connecting');
    assert.equal(state(m, 'ward1'), 'unknown', 'nothing is known before the first listing');
    await up(m);
    assert.deepEqual(
      ['ward1', 'ward12', 'ward2', 'operator'].map((endpoint) => state(m, endpoint)),
      ['reachable', 'unreachable', 'unknown', 'unknown'],
    );
    const health = m.health();
    assert.equal(health.endpointsKnown, 3);
    assert.deepEqual(health.endpoints, { reachable: 1, unreachable: 1, unknown: 1 });
    assert.equal(health.error, undefined);
    const [login] = ami().actions('Login');
    assert.equal(login?.fields.find(([key]) => key === 'Username')?.[1], 'hotline');
    assert.equal(ami().actions('PJSIPShowContacts').length, 1);
  });

  it('an empty contact list ("No Contacts found") is a successful listing', async () => {
    const m = startMonitor();
    await up(m);
    assert.equal(m.health().endpointsKnown, 0);
    assert.equal(state(m, 'ward1'), 'unknown');
  });

  it('follows ContactStatus events: unreachable, back, unregistered, registered again', async () => {
    ami().setContact('ward1', 'Reachable');
    const m = startMonitor();
    await up(m);
    ami().setContact('ward1', 'Unreachable');
    await eventually(() => state(m, 'ward1') === 'unreachable', 'ward1 unreachable');
    ami().setContact('ward1', 'Reachable');
    await eventually(() => state(m, 'ward1') === 'reachable', 'ward1 reachable again');
    ami().removeContact('ward1');
    await eventually(() => state(m, 'ward1') === 'unreachable', 'ward1 without contacts');
    ami().setContact('ward1', 'Reachable');
    await eventually(() => state(m, 'ward1') === 'reachable', 'ward1 registered again');
    assert.equal(ami().actions('PJSIPShowContacts').length, 1, 'events alone, no extra polling');
  });

  it('takes DeviceStateChange for endpoints whose contacts it has not seen', async () => {
    const m = startMonitor();
    await up(m);
    ami().deviceState('PJSIP/operator', 'UNAVAILABLE');
    await eventually(() => state(m, 'operator') === 'unreachable', 'operator unavailable');
    ami().deviceState('PJSIP/operator', 'NOT_INUSE');
    await eventually(() => state(m, 'operator') === 'reachable', 'operator available');
    ami().deviceState('Queue:support', 'UNAVAILABLE');
    ami().deviceState('PJSIP/operator', 'INUSE');
    await eventually(() => m.health().endpointsKnown === 1, 'only PJSIP devices are endpoints');
  });

  it('polls PJSIPShowContacts periodically and pings in between', async () => {
    ami().setContact('ward1', 'Reachable');
    const m = startMonitor({ pollIntervalMs: 120, heartbeatMs: 40 });
    await up(m);
    await eventually(() => ami().actions('PJSIPShowContacts').length >= 2, 'a second listing');
    assert.ok(ami().actions('Ping').length >= 1, 'pings between listings');
  });

  it('says unknown while AMI is down, reconnects and resyncs what changed meanwhile from the listing', async () => {
    ami().setContact('ward1', 'Reachable').setContact('ward12', 'Reachable');
    const m = startMonitor();
    await up(m);
    await ami().stop();
    await down(m);
    assert.equal(state(m, 'ward1'), 'unknown', 'no stale answers while AMI is down');
    assert.match(m.health().error ?? '', /AMI at 127\.0\.0\.1:\d+/);
    // Changes Asterisk makes while we are away raise events nobody hears.
    ami().setContact('ward1', 'Unreachable').removeContact('ward12');
    await ami().restart();
    await up(m);
    assert.equal(state(m, 'ward1'), 'unreachable');
    assert.equal(state(m, 'ward12'), 'unreachable', 'an endpoint missing from the listing lost its contacts');
    assert.equal(ami().logins, 2);
  });

  it('reconnects after the connection is cut', async () => {
    ami().setContact('ward1', 'Unreachable');
    const m = startMonitor();
    await up(m);
    ami().dropConnections();
    await eventually(() => ami().logins === 2 && m.health().status === 'up', 'a second session');
    assert.equal(state(m, 'ward1'), 'unreachable');
  });

  it('a refused login shows in health and the monitor keeps retrying until it is accepted', async () => {
    ami().refuseLogins();
    const m = startMonitor();
    await eventually(() => ami().logins >= 3, 'three login attempts');
    const health = m.health();
    assert.equal(health.status, 'down');
    assert.match(health.error ?? '', /AMI login as "hotline" refused: Authentication failed/);
    ami().refuseLogins(false);
    await up(m);
    assert.equal(m.health().error, undefined);
  });

  it('a wedged Asterisk (actions never answered) times out and is replaced by a new session', async () => {
    const m = startMonitor({ heartbeatMs: 30 });
    await up(m);
    ami().ignoreActions();
    await down(m);
    assert.match(m.health().error ?? '', /AMI Ping timed out after 300 ms/);
    ami().ignoreActions(false);
    await up(m);
  });

  it('logs off on stop', async () => {
    const m = startMonitor();
    await up(m);
    await m.stop();
    await eventually(() => ami().loggedIn === 0, 'the session closed');
    assert.equal(ami().actions('Logoff').length, 1);
    assert.equal(ami().logins, 1, 'stop() returns once the supervising loop has ended');
  });
});
