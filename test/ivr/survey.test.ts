import assert from 'node:assert/strict';
import { answers } from '../support/asterisk';
import { heard, heardTracking, kindsOf, sound, trackingPrompts, useIvr } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412', args: ['12'] };

describe('IVR survey after the official hangs up first', () => {
  // Officials answer after the announcement, inside a dial timeout (500 ms here) with room to spare.
  const h = useIvr({ ringTimeoutMs: 5000 });

  const ratings = [
    { key: '1', rating: 1, closing: ['survey-thanks'], needsCallback: false },
    { key: '2', rating: 2, closing: ['survey-thanks'], needsCallback: false },
    { key: '3', rating: 3, closing: ['survey-thanks', 'callback-promise'], needsCallback: true },
  ];
  for (const { key, rating, closing, needsCallback } of ratings) {
    it(`stores rating ${rating} for key ${key}`, async () => {
      h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 300, hangsUpAfterMs: 80 }));
      const call = await h.asterisk().placeCall(citizen);
      await call.waitForPlayback(sound('survey'));
      assert.ok(!call.isBridgedWith('PJSIP/ward12'));
      await call.press(key);
      await call.waitForHangup();
      const heardAfterSurvey = heard(call).slice(heard(call).findIndex((id) => id.startsWith('survey')) + 1);
      const told = heardTracking(heardAfterSurvey);
      assert.ok(told, heardAfterSurvey.join(' '));
      assert.deepEqual(heardAfterSurvey, [
        ...closing,
        ...trackingPrompts(told.number, told.secret),
        'goodbye',
      ]);
      const ticket = await h.finalTicket(call.id);
      assert.equal(ticket.outcome, 'answered');
      assert.equal(ticket.rating, rating);
      assert.equal(ticket.needs_callback, needsCallback);
      assert.equal(ticket.ended_by, 'official');
      const rated = (await h.timeline(call.id)).find((e) => e.kind === 'survey.rated');
      assert.deepEqual(rated?.data, { rating });
    });
  }

  it('stops the call recording and the bridge when the official hangs up: the survey is not recorded', async () => {
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 300, hangsUpAfterMs: 80 }));
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('survey'));
    assert.deepEqual(h.asterisk().leftovers().liveRecordings, []);
    assert.deepEqual(h.asterisk().leftovers().bridges, []);
    await call.press('1');
    await call.waitForHangup();
    const ticket = await h.finalTicket(call.id);
    assert.ok(h.asterisk().storedRecording(ticket.recording_name ?? ''), 'the conversation is kept');
    assert.equal(h.asterisk().events('RecordingFinished').length, 1);
  });

  it('ends politely without a rating when no key comes in time', async () => {
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 300, hangsUpAfterMs: 80 }));
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('survey'));
    await call.waitForHangup();
    const afterSurvey = heard(call).slice(heard(call).indexOf('survey'));
    const told = heardTracking(afterSurvey);
    assert.ok(told, afterSurvey.join(' '));
    assert.deepEqual(afterSurvey, ['survey', ...trackingPrompts(told.number, told.secret), 'goodbye']);
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.rating, null);
    assert.equal(ticket.needs_callback, false);
    assert.equal(ticket.ended_by, 'official');
    assert.ok(kindsOf(await h.timeline(call.id)).includes('survey.no-rating'));
  });

  it('ignores other keys and takes the first rating key', async () => {
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 300, hangsUpAfterMs: 80 }));
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('survey'));
    await call.press('9*2');
    await call.waitForHangup();
    assert.equal((await h.finalTicket(call.id)).rating, 2);
  });

  it('does not take a key pressed during the conversation as a rating', async () => {
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 300, hangsUpAfterMs: 150 }));
    const call = await h.asterisk().placeCall(citizen);
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    await call.press('3');
    await call.waitForHangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.rating, null);
    assert.equal(ticket.needs_callback, false);
  });

  it('asks nothing when the caller hangs up first', async () => {
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 20 }));
    const call = await h.asterisk().placeCall(citizen);
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    const official = await h.asterisk().waitForLeg('PJSIP/ward12');
    call.hangup();
    await official.waitForHangup();
    const ticket = await h.finalTicket(call.id);
    assert.ok(!heard(call).includes('survey'));
    assert.equal(ticket.outcome, 'answered');
    assert.equal(ticket.ended_by, 'caller');
    assert.equal(ticket.rating, null);
    assert.ok(!kindsOf(await h.timeline(call.id)).includes('official.hung-up'));
  });
});
