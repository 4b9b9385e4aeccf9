import assert from 'node:assert/strict';
import type { CallbackRequest } from '../../ivr/calls/callback-session';
import { answers, busy, neverAnswers } from '../support/asterisk';
import { eventually, heard, sound, useIvr } from './ivr-harness';

const CITIZEN_LEG = 'PJSIP/0912345678@trunk';

const request = (): CallbackRequest => ({
  ticketId: 41,
  unit: { id: 2, code: '1', name: 'UBND phường Phúc Diễn' },
  official: {
    contactId: 7,
    name: 'Chủ tịch phường Phúc Diễn',
    dial: { kind: 'endpoint', endpoint: 'PJSIP/ward1' },
  },
  citizenNumber: '+84912345678',
  confidential: false,
});

describe('IVR callback: the official first, then the citizen, bridged', () => {
  const h = useIvr();

  function start() {
    const reported: Array<{ kind: string; data: Record<string, unknown> }> = [];
    const started = h.ivr().startCallback(request(), (kind, data) => reported.push({ kind, data }));
    return { ...started, reported };
  }

  it('rings the official, dials the citizen once they answer, plays callback-intro and bridges them', async () => {
    h.asterisk()
      .endpoint('PJSIP/ward1', answers({ afterMs: 20 }))
      .endpoint(CITIZEN_LEG, answers({ afterMs: 30, hangsUpAfterMs: 400 }));
    const callback = start();
    const official = await h.asterisk().waitForLeg('PJSIP/ward1');
    const citizen = await h.asterisk().waitForLeg(CITIZEN_LEG);
    assert.equal(h.ivr().activeCalls, 0, 'a callback is not a citizen calling in');
    await citizen.until(() => citizen.isBridgedWith('PJSIP/ward1'), 'citizen bridged with the official');
    assert.deepEqual(heard(citizen), ['callback-intro']);
    const live = h.ivr().liveCalls();
    assert.equal(live.length, 1);
    assert.equal(live[0]?.kind, 'callback');
    assert.equal(live[0]?.stage, 'talking');
    assert.equal(live[0]?.party?.name, 'Chủ tịch phường Phúc Diễn');
    assert.equal(await callback.done, 'connected');
    await official.waitForHangup();
    assert.deepEqual(
      h
        .asterisk()
        .dialed()
        .map((d) => `${d.endpoint} ${d.result}`),
      ['PJSIP/ward1 ANSWER', `${CITIZEN_LEG} ANSWER`],
    );
    assert.deepEqual(
      callback.reported.map((r) => r.kind),
      ['callback.official-answered', 'callback.connected', 'callback.result'],
    );
    assert.equal(callback.reported.at(-1)?.data.result, 'connected');
    assert.equal(typeof callback.reported.at(-1)?.data.talkSeconds, 'number');
    await eventually(() => h.ivr().liveCalls().length === 0, 'the callback to leave the live list');
    assert.equal(h.ivr().hasCallbackFor(41), false);
  });

  const unanswered = [
    { name: 'does not answer', behaviour: neverAnswers(), result: 'official-no-answer' },
    { name: 'is busy', behaviour: busy(20), result: 'official-busy' },
  ];
  for (const c of unanswered) {
    it(`dials nothing to the citizen when the official ${c.name}`, async () => {
      h.asterisk().endpoint('PJSIP/ward1', c.behaviour).endpoint(CITIZEN_LEG, answers());
      const callback = start();
      assert.ok(h.ivr().hasCallbackFor(41));
      assert.equal(await callback.done, c.result);
      assert.deepEqual(h.asterisk().legs(CITIZEN_LEG), [], 'no leg to the citizen was ever created');
      assert.deepEqual(callback.reported, [{ kind: 'callback.result', data: { result: c.result } }]);
    });
  }

  it('hangs up the official when the citizen does not answer', async () => {
    h.asterisk()
      .endpoint('PJSIP/ward1', answers({ afterMs: 10 }))
      .endpoint(CITIZEN_LEG, neverAnswers());
    const callback = start();
    const official = await h.asterisk().waitForLeg('PJSIP/ward1');
    await official.waitForState('Up');
    await official.until(() => official.isHearingRingback, 'ringback while the citizen rings');
    assert.equal(await callback.done, 'citizen-no-answer');
    await official.waitForHangup();
    assert.equal(callback.reported.at(-1)?.data.result, 'citizen-no-answer');
  });

  it('stops ringing the citizen when the official hangs up first', async () => {
    h.asterisk()
      .endpoint('PJSIP/ward1', answers({ afterMs: 10, hangsUpAfterMs: 200 }))
      .endpoint(CITIZEN_LEG, neverAnswers());
    const callback = start();
    const citizen = await h.asterisk().waitForLeg(CITIZEN_LEG);
    assert.equal(await callback.done, 'official-hung-up');
    await citizen.waitForHangup();
    assert.ok(!heard(citizen).includes(sound('callback-intro')));
  });
});
