import assert from 'node:assert/strict';
import { answers } from '../support/asterisk';
import { heard, legTo, sound, TRUNK, targetResults, useIvr } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412' };
const confirmPrompt = ['confirm-official', 'unit-2', 'press-one-to-accept'];

/** Ward 2's only contact is a mobile that must confirm with 1; its fallback is the operator. */
describe('IVR answer confirmation for phone-number targets', () => {
  const h = useIvr();

  beforeEach(() => {
    h.asterisk().endpoint('PJSIP/operator', answers({ afterMs: 20 }));
  });

  async function callWard2() {
    return h.asterisk().placeCall({ ...citizen, args: ['2'] });
  }

  it('bridges the official who presses 1, stopping the prompt', async () => {
    h.asterisk().endpoint(TRUNK.ward2, answers({ afterMs: 20 }));
    const call = await callWard2();
    const leg = await h.asterisk().waitForLeg(TRUNK.ward2);
    // The 1 comes while the prompt plays, however late the IVR started it.
    await leg.waitForPlayback(sound('confirm-official'));
    await leg.press('1', { durationMs: 5 });
    await call.until(() => call.isBridgedWith(TRUNK.ward2), 'caller bridged with ward 2');
    assert.match(heard(leg).at(-1) ?? '', /:stopped$/, `the prompt was cut short: ${heard(leg).join(', ')}`);
    assert.ok(!heard(call).includes('confirm-official'), 'the citizen never hears the confirmation');
    assert.ok(call.isAlive && leg.isAlive);
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'answered');
    assert.equal(ticket.answered_by_name, 'Chủ tịch phường Cổ Nhuế 2');
    assert.deepEqual(targetResults(await h.timeline(call.id)), ['+84***01 → accepted']);
    assert.deepEqual(
      h
        .asterisk()
        .dialed()
        .map((d) => d.endpoint),
      [TRUNK.ward2],
    );
  });

  it('takes a 1 pressed after another key', async () => {
    h.asterisk().endpoint(TRUNK.ward2, answers({ afterMs: 20 }));
    const call = await callWard2();
    const leg = await h.asterisk().waitForLeg(TRUNK.ward2);
    // The keys come once the prompt has played to its end, however long the IVR took to start it.
    await leg.until(() => heard(leg).join() === confirmPrompt.join(), 'the whole confirmation prompt');
    await leg.press('21');
    await call.until(() => call.isBridgedWith(TRUNK.ward2), 'caller bridged with ward 2');
    assert.deepEqual(heard(leg), confirmPrompt, 'keys after the prompt: it played to the end');
    call.hangup();
    assert.equal((await h.finalTicket(call.id)).answered_by_name, 'Chủ tịch phường Cổ Nhuế 2');
  });

  it('hangs up on an answer that never presses 1 (a mobile voicemail) and rings the next target', async () => {
    h.asterisk().endpoint(TRUNK.ward2, answers({ afterMs: 20 }));
    const call = await callWard2();
    await call.until(() => call.isBridgedWith('PJSIP/operator'), 'caller bridged with the operator');
    const voicemail = legTo(h.asterisk(), TRUNK.ward2);
    assert.equal(voicemail.state, 'Hungup');
    assert.deepEqual(heard(voicemail), confirmPrompt);
    assert.ok(call.isAlive);
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.answered_by_name, 'Trực ban');
    assert.deepEqual(targetResults(await h.timeline(call.id)), [
      '+84***01 → not-confirmed',
      'PJSIP/operator → accepted',
    ]);
  });

  it('rings the next target when the official hangs up during the confirmation', async () => {
    h.asterisk().endpoint(TRUNK.ward2, answers({ afterMs: 20, hangsUpAfterMs: 60 }));
    const call = await callWard2();
    await call.until(() => call.isBridgedWith('PJSIP/operator'), 'caller bridged with the operator');
    const leg = legTo(h.asterisk(), TRUNK.ward2);
    assert.equal(leg.hangupCause, 16);
    call.hangup();
    await h.finalTicket(call.id);
    assert.deepEqual(targetResults(await h.timeline(call.id)), [
      '+84***01 → official-hung-up',
      'PJSIP/operator → accepted',
    ]);
  });

  it('asks the deputy of ward 1 to confirm but bridges the ward 1 endpoint at once', async () => {
    h.asterisk()
      .endpoint('PJSIP/ward1', answers({ afterMs: 20 }))
      .endpoint(TRUNK.ward1Deputy, answers({ afterMs: 20, pressKeys: '1' }));
    const call = await h.asterisk().placeCall({ ...citizen, args: ['1'] });
    await call.until(() => call.isBridgedWith('PJSIP/ward1'), 'caller bridged with ward 1');
    const endpointLeg = legTo(h.asterisk(), 'PJSIP/ward1');
    assert.deepEqual(heard(endpointLeg), []);
    assert.deepEqual(h.asterisk().legs(TRUNK.ward1Deputy), [], 'the deputy was never rung');
    call.hangup();
    await h.finalTicket(call.id);
    assert.deepEqual(targetResults(await h.timeline(call.id)), ['PJSIP/ward1 → accepted']);
  });
});
