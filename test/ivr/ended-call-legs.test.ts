import assert from 'node:assert/strict';
import { answers } from '../support/asterisk';
import { eventually, sound, TRUNK, useIvr } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412' };

describe('IVR: no official is rung for a call that has ended', () => {
  const h = useIvr();

  it('rings no further target once the caller hung up while an unconfirmed leg was being hung up', async () => {
    const asterisk = h.asterisk();
    // Ward 2's mobile answers but never presses 1; its fallback is the operator.
    asterisk
      .endpoint(TRUNK.ward2, answers({ afterMs: 20 }))
      .endpoint('PJSIP/operator', answers({ afterMs: 50 }));
    // Asterisk under load: the hangup of the unconfirmed leg is carried out only after the command timed out.
    asterisk.answerLate('DELETE', /^\/ari\/channels\/leg-/, 2500);
    const call = await asterisk.placeCall({ ...citizen, args: ['2'] });
    await eventually(
      () => asterisk.requests().some((r) => r.method === 'DELETE' && r.path.startsWith('/ari/channels/leg-')),
      'the IVR to hang up the unconfirmed leg',
    );
    call.hangup();
    const ticket = await h.finalTicket(call.id, 5000);
    assert.equal(ticket.outcome, 'abandoned');
    assert.deepEqual(
      asterisk.legs('PJSIP/operator'),
      [],
      'the operator was never rung for a caller who had left',
    );
  });

  it('hangs up a leg whose create Asterisk answered only after the caller had left', async () => {
    const asterisk = h.asterisk();
    asterisk.endpoint('PJSIP/ward1', answers({ afterMs: 5000 }));
    asterisk.answerLate('POST', /^\/ari\/channels\/create$/, 400);
    const call = await asterisk.placeCall(citizen);
    await call.waitForPlayback(sound('menu'));
    await call.press('1#');
    await eventually(
      () => asterisk.requests().some((r) => r.method === 'POST' && r.path === '/ari/channels/create'),
      "the IVR to ask for the ward's leg",
    );
    call.hangup();
    assert.equal((await h.finalTicket(call.id, 5000)).outcome, 'abandoned');
    await eventually(() => asterisk.legs('PJSIP/ward1').length === 1, 'the late leg to exist', 3000);
    const [leg] = asterisk.legs('PJSIP/ward1');
    await leg?.waitForHangup();
    assert.equal(leg?.state, 'Hungup');
  });

  it('hangs up a leg whose create came through after the IVR gave up on it, while the call goes on', async () => {
    const asterisk = h.asterisk();
    asterisk.endpoint('PJSIP/ward1', answers({ afterMs: 5000 }));
    // Asterisk under load: each create is carried out after the IVR's command timeout (1.5 s here).
    asterisk.answerLate('POST', /^\/ari\/channels\/create$/, 2500);
    const call = await asterisk.placeCall(citizen);
    await call.waitForPlayback(sound('menu'));
    await call.press('1#');
    await eventually(() => asterisk.legs('PJSIP/ward1').length === 1, 'the late leg to be made', 5000);
    const [leg] = asterisk.legs('PJSIP/ward1');
    await leg?.waitForHangup();
    assert.equal(leg?.state, 'Hungup');
    assert.equal(call.isAlive, true, 'the citizen was still in the call when the stray leg went');
    call.hangup();
    await h.finalTicket(call.id, 5000);
  });
});
