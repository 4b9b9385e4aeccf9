import assert from 'node:assert/strict';
import { answers, busy, type CallHandle, neverAnswers, rejects } from '../support/asterisk';
import { legTo, sound, TRUNK, targetResults, useIvr } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412' };

/**
 * On a real Asterisk 22.10.1, 757 of the 1,055 DELETEs the service sent for legs returned 404: it
 * hung up legs Asterisk was already hanging up. A leg past its ChannelHangupRequest (or already
 * destroyed) is left to Asterisk; only a leg that would otherwise stay up is hung up by the app.
 */
describe('IVR: the app hangs up only the legs Asterisk is not ending itself', () => {
  const h = useIvr({ ringTimeoutMs: 1000 });

  const hangupsOf = (leg: CallHandle) =>
    h
      .asterisk()
      .requests()
      .filter((r) => r.method === 'DELETE' && r.path === `/ari/channels/${leg.id}`);

  it('sends no hangup for a busy, a declining, an unanswering or a hung-up official', async () => {
    const asterisk = h.asterisk();
    asterisk
      .endpoint('PJSIP/ward1', busy(20))
      .endpoint(TRUNK.ward1Deputy, rejects(20))
      .endpoint('PJSIP/operator', answers({ afterMs: 20, hangsUpAfterMs: 100 }));
    const call = await asterisk.placeCall(citizen);
    await call.waitForPlayback(sound('menu'));
    await call.press('1#');
    await call.until(() => call.isBridgedWith('PJSIP/operator'), 'caller bridged with the operator');
    await call.waitForPlayback(sound('survey'));
    call.hangup();
    await h.finalTicket(call.id);
    assert.deepEqual(targetResults(await h.timeline(call.id)), [
      'PJSIP/ward1 → busy',
      '+84***01 → rejected',
      'PJSIP/operator → accepted',
    ]);
    for (const endpoint of ['PJSIP/ward1', TRUNK.ward1Deputy, 'PJSIP/operator']) {
      const leg = legTo(asterisk, endpoint);
      assert.equal(leg.state, 'Hungup', `${endpoint} is gone`);
      assert.deepEqual(hangupsOf(leg), [], `no DELETE for the leg to ${endpoint}`);
    }
  });

  it('leaves a leg whose ring timeout ran out to Asterisk', async () => {
    const asterisk = h.asterisk();
    asterisk.endpoint('PJSIP/ward12', neverAnswers()).endpoint('PJSIP/operator', answers({ afterMs: 20 }));
    const call = await asterisk.placeCall({ ...citizen, args: ['12'] });
    await call.until(() => call.isBridgedWith('PJSIP/operator'), 'caller bridged with the operator');
    const unanswered = legTo(asterisk, 'PJSIP/ward12');
    assert.equal(unanswered.hangupCause, 19, 'Asterisk ended the dial at its timeout');
    assert.deepEqual(hangupsOf(unanswered), []);
    call.hangup();
    await h.finalTicket(call.id);
  });

  it('sends no hangup for an official who hangs up during the confirmation, and one for an answer that never confirms', async () => {
    const asterisk = h.asterisk();
    asterisk.endpoint('PJSIP/operator', answers({ afterMs: 20 }));
    asterisk.endpoint(TRUNK.ward2, answers({ afterMs: 20, hangsUpAfterMs: 20 }));
    const first = await asterisk.placeCall({ ...citizen, args: ['2'] });
    await first.until(() => first.isBridgedWith('PJSIP/operator'), 'first caller bridged with the operator');
    const [hungUp] = asterisk.legs(TRUNK.ward2);
    assert.ok(hungUp);
    assert.deepEqual(hangupsOf(hungUp), []);
    first.hangup();
    await h.finalTicket(first.id);

    asterisk.endpoint(TRUNK.ward2, answers({ afterMs: 20 }));
    const second = await asterisk.placeCall({ ...citizen, args: ['2'] });
    await second.until(
      () => second.isBridgedWith('PJSIP/operator'),
      'second caller bridged with the operator',
    );
    const [, neverConfirmed] = asterisk.legs(TRUNK.ward2);
    assert.ok(neverConfirmed);
    assert.equal(hangupsOf(neverConfirmed).length, 1, 'the app hangs up an answer that never pressed 1');
    second.hangup();
    await h.finalTicket(second.id);
  });
});
