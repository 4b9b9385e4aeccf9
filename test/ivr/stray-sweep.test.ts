import assert from 'node:assert/strict';
import { planSweep } from '../../ivr/calls/stray-sweep';
import type { AppChannel } from '../../ivr/calls/telephony.port';
import { answers } from '../support/asterisk';
import { eventually, useIvr } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412' };

const channel = (id: string): AppChannel => ({ id, state: 'Up', callerNumber: '', createdAt: new Date(0) });

describe('IVR stray sweep: what no call owns is removed at its second sighting', () => {
  const owned = new Set(['leg-owned', 'bridge-owned']);
  const owns = (id: string) => owned.has(id);
  const channels = ['leg-owned', 'leg-stray', 'citizen-1'].map(channel);
  const bridges = [
    { id: 'bridge-owned', channelIds: ['leg-owned'] },
    { id: 'bridge-stray', channelIds: [] },
  ];

  it('removes nothing it sees unowned for the first time', () => {
    const plan = planSweep(channels, bridges, owns, new Set());
    assert.deepEqual([...plan.unowned].sort(), ['bridge-stray', 'leg-stray']);
    assert.deepEqual([plan.legs, plan.bridges], [[], []]);
  });

  it('removes the legs and bridges still unowned at the next sweep, never a citizen or an owned one', () => {
    const plan = planSweep(
      channels,
      bridges,
      owns,
      new Set(['leg-stray', 'bridge-stray', 'citizen-1', 'leg-owned']),
    );
    assert.deepEqual(plan.legs, ['leg-stray']);
    assert.deepEqual(plan.bridges, ['bridge-stray']);
  });

  it('forgets what was claimed in between', () => {
    const claimedSince = (id: string) => owns(id) || id === 'leg-stray';
    const plan = planSweep(channels, bridges, claimedSince, new Set(['leg-stray', 'bridge-stray']));
    assert.deepEqual(plan.legs, []);
    assert.deepEqual([...plan.unowned], ['bridge-stray']);
  });
});

describe('IVR stray sweep against the emulator', () => {
  const h = useIvr({}, { straySweepMs: 150 });

  it("destroys a bridge Asterisk made after the IVR gave up on it, and leaves a call's bridge alone", async () => {
    const asterisk = h.asterisk();
    asterisk.endpoint('PJSIP/ward12', answers({ afterMs: 20 }));
    const call = await asterisk.placeCall({ ...citizen, args: ['12'] });
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    // As a bridge create carried out after its command timed out: in Asterisk, owned by no call.
    const made = await fetch(`${asterisk.url}/ari/bridges?bridgeId=bridge-late&type=mixing`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('hotline:secret').toString('base64')}` },
    });
    assert.equal(made.status, 200);
    await eventually(
      () => asterisk.requests().some((r) => r.method === 'DELETE' && r.path === '/ari/bridges/bridge-late'),
      'the sweep to destroy the stray bridge',
      3000,
    );
    await new Promise((resolve) => setTimeout(resolve, 450));
    assert.ok(call.isBridgedWith('PJSIP/ward12'), 'three more sweeps left the conversation talking');
    call.hangup();
    assert.equal((await h.finalTicket(call.id)).outcome, 'answered');
  });
});
