import assert from 'node:assert/strict';
import { HANDED_OVER_TARGET } from '../../ivr/calls/dialplan-contract';
import { heard, sound, targetResults, useIvr } from './ivr-harness';

/** An organisation whose operator (unit 0) is missing: the menu's last resort cannot work. */
const WITHOUT_OPERATOR = {
  units: [
    {
      code: '1',
      kind: 'ward',
      name: 'UBND phường Phúc Diễn',
      contacts: [{ name: 'Chủ tịch', dial: 'PJSIP/ward1' }],
    },
  ],
};

describe('a call the IVR cannot carry on', () => {
  const h = useIvr({}, { organisation: WITHOUT_OPERATOR });

  it('apologises and hands the caller back to the dialplan fallback, with a failed ticket', async () => {
    const call = await h.asterisk().placeCall({ from: '0912345678', to: '0889009412' });
    await call.waitForPlayback(sound('menu'));
    await call.press('9');
    await call.until(() => call.continuedInDialplan, 'the call continuing in the dialplan', {
      timeoutMs: 4000,
    });
    assert.deepEqual(call.continuedTo, HANDED_OVER_TARGET);
    assert.equal(call.isAlive, true, 'the caller is not hung up on');
    assert.deepEqual(heard(call).slice(-2), ['to-operator', 'sorry-error']);
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'failed');
    assert.ok((await h.timeline(call.id)).some((step) => step.kind === 'handed-to-dialplan'));
    call.hangup();
  });
});

describe('an Asterisk that never answers a command', () => {
  const h = useIvr();

  it('gives up on each phone whose dial gets no answer and moves on, so the caller is not stuck', async () => {
    h.asterisk().leaveUnanswered('POST', /\/dial$/);
    const call = await h.asterisk().placeCall({ from: '0912345678', to: '0889009412', args: ['12'] });
    await call.waitForPlayback(sound('leave-message'), { timeoutMs: 8000 });
    call.hangup();
    await h.finalTicket(call.id);
    assert.deepEqual(targetResults(await h.timeline(call.id)), [
      'PJSIP/ward12 → unavailable',
      'PJSIP/operator → unavailable',
    ]);
  });
});
