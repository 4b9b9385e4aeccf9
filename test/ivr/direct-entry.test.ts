import assert from 'node:assert/strict';
import { answers } from '../support/asterisk';
import { heard, sound, useIvr } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412' };

describe('IVR direct entry: a unit code passed as a Stasis argument', () => {
  // The notice lasts long enough that the official's answer always lands in it, however loaded the machine.
  const h = useIvr({}, { promptMs: { 'recording-notice': 1500 } });

  beforeEach(() => {
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 20 }));
  });

  it('skips the greeting and the menu and forwards to the unit', async () => {
    const call = await h.asterisk().placeCall({ ...citizen, args: ['12'] });
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    // The official answered during the recording notice: it is cut short, and the call goes unrecorded.
    assert.deepEqual(heard(call), ['recording-notice:stopped']);
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.dialed_code, '12');
    assert.equal(ticket.outcome, 'answered');
    assert.equal(ticket.recording_name, null);
    const timeline = await h.timeline(call.id);
    assert.equal(timeline.find((e) => e.kind === 'unit.chosen')?.data.how, 'direct');
    assert.deepEqual(timeline.find((e) => e.kind === 'recording.skipped')?.data, {
      reason: 'notice-not-heard',
    });
  });

  it('falls back to the menu for a code no unit has', async () => {
    const call = await h.asterisk().placeCall({ ...citizen, args: ['99'] });
    await call.waitForPlayback(sound('menu'));
    await call.press('12');
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    assert.deepEqual(heard(call).slice(0, 3), ['welcome', 'recording-notice', 'menu:stopped']);
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.dialed_code, '12');
    const timeline = await h.timeline(call.id);
    assert.deepEqual(timeline.find((e) => e.kind === 'direct.unknown-code')?.data, { code: '99' });
    assert.equal(timeline.find((e) => e.kind === 'unit.chosen')?.data.how, 'menu');
  });

  it('treats an empty argument (Stasis(hotline,)) as no code', async () => {
    const call = await h.asterisk().placeCall({ ...citizen, args: [''] });
    await call.waitForPlayback(sound('menu'));
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'abandoned');
    assert.equal(ticket.abandoned_stage, 'menu');
    assert.ok(!(await h.timeline(call.id)).some((e) => e.kind === 'direct.unknown-code'));
  });
});
