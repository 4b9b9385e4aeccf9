import assert from 'node:assert/strict';
import { answers, type CallHandle } from '../support/asterisk';
import { heard, sound, TRUNK, targetResults, useIvr } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412' };

/** The prompts at a tenth of their real length, as the emulator's Asterisk seconds run here. */
const TIME_SCALE = 0.1;
const NOTICE_MS = 4150 * TIME_SCALE;

function bridgedOfficial(call: CallHandle, official: CallHandle): void {
  assert.ok(call.isBridgedWith(official.endpoint), 'caller and official are in one bridge');
  assert.ok(official.silenceBeforeBridgeMs !== undefined, 'the official answered, then was bridged');
}

describe('IVR: an official who takes the call hears the citizen, not the system', () => {
  const h = useIvr({ ringTimeoutMs: 20_000 }, { realPromptsTimeScale: TIME_SCALE });

  it('bridges an official who answers in the middle of the announcement, cutting it short', async () => {
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 150 }));
    const call = await h.asterisk().placeCall({ ...citizen, args: ['12'] });
    const official = await h.asterisk().waitForLeg('PJSIP/ward12');
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    bridgedOfficial(call, official);
    const untilBridged = (official.bridgedAtMs ?? 0) - (call.answeredAtMs ?? 0);
    assert.ok(untilBridged < NOTICE_MS, `bridged ${untilBridged} ms in, before the notice could end`);
    assert.deepEqual(heard(call), ['recording-notice:stopped']);
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'answered');
    assert.equal(ticket.recording_name, null, 'the caller did not hear the notice to its end: not recorded');
  });

  it("sends the bridge add with the announcement's stop, not after Asterisk answered the stop", async () => {
    // Asterisk runs the add once the playback has stopped (it waits behind it on the caller's
    // channel): an app that waited for the stop's answer first would add a round trip of silence.
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 150 }));
    h.asterisk().answerLate('DELETE', /^\/ari\/playbacks\//, 1000);
    const call = await h.asterisk().placeCall({ ...citizen, args: ['12'] });
    const official = await h.asterisk().waitForLeg('PJSIP/ward12');
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12', {
      timeoutMs: 3000,
    });
    bridgedOfficial(call, official);
    const requests = h.asterisk().requests();
    const stop = requests.find((r) => r.method === 'DELETE' && r.path.startsWith('/ari/playbacks/'));
    const add = requests.find((r) => r.path.endsWith('/addChannel'));
    assert.ok(stop && add, 'the announcement was stopped and the official added');
    assert.ok(
      add.receivedAtMs < (stop.answeredAtMs ?? Number.POSITIVE_INFINITY),
      'the add reached Asterisk while the stop was still unanswered',
    );
    call.hangup();
    assert.equal((await h.finalTicket(call.id)).outcome, 'answered');
  });

  it('records a call whose caller heard the notice in the greeting, and cuts the transfer announcement', async () => {
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 100 }));
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('menu'), { timeoutMs: 3000 });
    await call.press('12#');
    const official = await h.asterisk().waitForLeg('PJSIP/ward12');
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    bridgedOfficial(call, official);
    const story = heard(call);
    assert.deepEqual(story.slice(0, 3), ['welcome', 'recording-notice', 'menu:stopped']);
    assert.match(story.at(-1) ?? '', /^(transferring|unit-12|please-hold):stopped$/, story.join(', '));
    await call.until(() => h.asterisk().events('RecordingStarted').length > 0, 'the call recording');
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.match(ticket.recording_name ?? '', /^hotline-/);
  });

  it('keeps an official who would hang up on 3 s of silence: bridged at once, the call is answered', async () => {
    // 300 ms here is 3 s on a real Asterisk: an official who said "alô" and heard nothing hung up.
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 100, hangsUpAfterMs: 300 }));
    const call = await h.asterisk().placeCall({ ...citizen, args: ['12'] });
    const official = await h.asterisk().waitForLeg('PJSIP/ward12');
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    bridgedOfficial(call, official);
    await call.waitForPlayback(sound('survey'), { timeoutMs: 3000 });
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'answered');
    assert.equal(ticket.ended_by, 'official');
    assert.deepEqual(targetResults(await h.timeline(call.id)), ['PJSIP/ward12 → accepted']);
  });

  it('bridges an official the moment they press 1, while the caller still hears the announcement', async () => {
    h.asterisk().endpoint(TRUNK.ward2, answers({ afterMs: 50, pressKeys: { keys: '1', afterMs: 80 } }));
    const call = await h.asterisk().placeCall({ ...citizen, args: ['2'] });
    const official = await h.asterisk().waitForLeg(TRUNK.ward2);
    await call.until(() => call.isBridgedWith(TRUNK.ward2), 'caller bridged with ward 2');
    bridgedOfficial(call, official);
    assert.deepEqual(heard(official), ['confirm-official:stopped'], 'the 1 stopped the confirmation prompt');
    assert.match(heard(call).at(-1) ?? '', /:stopped$/, 'the caller announcement was cut short');
    call.hangup();
    assert.equal((await h.finalTicket(call.id)).outcome, 'answered');
  });
});
