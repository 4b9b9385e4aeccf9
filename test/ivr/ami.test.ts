import assert from 'node:assert/strict';
import { createSilentLogger } from '../../core/logger';
import { AmiMonitor } from '../../ivr/ami/ami.monitor';
import type { Reachability } from '../../ivr/calls/reachability.port';
import { type ContactStatusName, useAmiEmulator } from '../support/ami';
import { answers, type CallHandle } from '../support/asterisk';
import { eventually, sound, TRUNK, targetResults, useIvr } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412' };
const AMI_CREDENTIALS = { username: 'hotline', password: 'ami-secret' };

describe('IVR with the AMI monitor: phones known to be unreachable are skipped', () => {
  let monitor: AmiMonitor | undefined;
  const ami = useAmiEmulator(AMI_CREDENTIALS);
  before(() => {
    monitor = new AmiMonitor({
      host: ami().host,
      port: ami().port,
      ...AMI_CREDENTIALS,
      logger: createSilentLogger(),
      actionTimeoutMs: 500,
      initialBackoffMs: 10,
      maxBackoffMs: 50,
    });
    monitor.start();
  });
  after(async () => {
    await monitor?.stop();
  });
  const h = useIvr({}, { reachability: () => monitor as AmiMonitor });
  const amiMonitor = () => monitor as AmiMonitor;

  const amiStatus = (status: string) =>
    eventually(() => amiMonitor().health().status === status, `AMI monitor ${status}`);

  /** Sets the phones' contacts in Asterisk and waits until the monitor has heard. */
  async function phones(states: Record<string, ContactStatusName>): Promise<void> {
    await amiStatus('up');
    const expected: Record<string, Reachability> = {};
    for (const [endpoint, status] of Object.entries(states)) {
      ami().setContact(endpoint, status);
      expected[endpoint] =
        status === 'Reachable' ? 'reachable' : status === 'Unreachable' ? 'unreachable' : 'unknown';
    }
    await eventually(
      () =>
        Object.entries(expected).every(([endpoint, state]) => amiMonitor().reachability(endpoint) === state),
      `the monitor to see ${JSON.stringify(expected)}`,
    );
  }

  async function dialUnit(code: string): Promise<CallHandle> {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('menu'));
    await call.press(`${code}#`);
    return call;
  }

  async function talkedWith(call: CallHandle, endpoint: string): Promise<void> {
    await call.until(() => call.isBridgedWith(endpoint), `caller bridged with ${endpoint}`);
    call.hangup();
    await h.finalTicket(call.id);
  }

  const dialedEndpoints = () =>
    h
      .asterisk()
      .dialed()
      .map((dial) => `${dial.endpoint} ${dial.result}`);

  it('never dials an unreachable PJSIP phone, says so on the ticket and rings the next target', async () => {
    await phones({ ward1: 'Unreachable' });
    h.asterisk().endpoint(TRUNK.ward1Deputy, answers({ afterMs: 30, pressKeys: '1' }));
    const call = await dialUnit('1');
    await talkedWith(call, TRUNK.ward1Deputy);

    assert.deepEqual(h.asterisk().legs('PJSIP/ward1'), [], 'no channel was ever created to ward1');
    assert.deepEqual(dialedEndpoints(), [`${TRUNK.ward1Deputy} ANSWER`]);
    const timeline = await h.timeline(call.id);
    assert.deepEqual(targetResults(timeline), ['PJSIP/ward1 → skipped-unreachable', '+84***01 → accepted']);
    const skipped = timeline.find((event) => event.data.result === 'skipped-unreachable');
    assert.equal(skipped?.data.name, 'Chủ tịch phường Phúc Diễn');
  });

  it('rings a reachable or unqualified phone as before', async () => {
    await phones({ ward1: 'NonQualified' });
    h.asterisk().endpoint('PJSIP/ward1', answers({ afterMs: 30 }));
    const call = await dialUnit('1');
    await talkedWith(call, 'PJSIP/ward1');
    assert.deepEqual(targetResults(await h.timeline(call.id)), ['PJSIP/ward1 → accepted']);
  });

  it('while AMI is down every phone rings; once back, the listing brings what changed meanwhile', async () => {
    await phones({ ward1: 'Reachable' });
    await ami().stop();
    await amiStatus('down');
    // Asterisk sees ward1 go unreachable while nobody listens: the event is lost.
    ami().setContact('ward1', 'Unreachable');

    h.asterisk().endpoint('PJSIP/ward1', answers({ afterMs: 30 }));
    const duringOutage = await dialUnit('1');
    await talkedWith(duringOutage, 'PJSIP/ward1');
    assert.deepEqual(targetResults(await h.timeline(duringOutage.id)), ['PJSIP/ward1 → accepted']);

    await ami().restart();
    await amiStatus('up');
    assert.equal(amiMonitor().reachability('ward1'), 'unreachable', 'resynced from PJSIPShowContacts');
    h.asterisk().endpoint(TRUNK.ward1Deputy, answers({ afterMs: 30, pressKeys: '1' }));
    const afterReturn = await dialUnit('1');
    await talkedWith(afterReturn, TRUNK.ward1Deputy);
    assert.deepEqual(targetResults(await h.timeline(afterReturn.id)), [
      'PJSIP/ward1 → skipped-unreachable',
      '+84***01 → accepted',
    ]);
  });

  it('a refused AMI login shows in health, the monitor keeps retrying, and calls ring everything', async () => {
    await phones({ ward1: 'Unreachable' });
    ami().refuseLogins();
    ami().dropConnections();
    const loginsBefore = ami().logins;
    await eventually(() => ami().logins >= loginsBefore + 3, 'three refused logins');
    const health = amiMonitor().health();
    assert.equal(health.status, 'down');
    assert.match(health.error ?? '', /AMI login as "hotline" refused: Authentication failed/);

    h.asterisk().endpoint('PJSIP/ward1', answers({ afterMs: 30 }));
    const call = await dialUnit('1');
    await talkedWith(call, 'PJSIP/ward1');
    assert.deepEqual(targetResults(await h.timeline(call.id)), ['PJSIP/ward1 → accepted']);

    ami().refuseLogins(false);
    await amiStatus('up');
    assert.equal(amiMonitor().reachability('ward1'), 'unreachable');
  });
});
