import assert from 'node:assert/strict';
import { answers, type CallHandle } from '../support/asterisk';
import { heard, kindsOf, sound, useIvr } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412' };
const taken = answers({ afterMs: 20 });

describe('IVR menu: collecting the unit code', () => {
  const h = useIvr();

  beforeEach(() => {
    for (const endpoint of ['PJSIP/ward1', 'PJSIP/ward12', 'PJSIP/operator'])
      h.asterisk().endpoint(endpoint, taken);
  });

  /** The caller is put through to `endpoint`, then hangs up; returns the final ticket. */
  async function putThroughThenLeave(call: CallHandle, endpoint: string) {
    await call.until(() => call.isBridgedWith(endpoint), `caller bridged with ${endpoint}`);
    call.hangup();
    return h.finalTicket(call.id);
  }

  it('routes 12 at once: no other code starts with 12', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('menu'));
    await call.press('12');
    const ticket = await putThroughThenLeave(call, 'PJSIP/ward12');
    assert.deepEqual(
      h
        .asterisk()
        .dialed()
        .map((d) => d.endpoint),
      ['PJSIP/ward12'],
    );
    assert.equal(ticket.dialed_code, '12');
    assert.equal(ticket.outcome, 'answered');
    assert.equal(ticket.ended_by, 'caller');
    const timeline = await h.timeline(call.id);
    assert.deepEqual(
      timeline.filter((e) => e.kind === 'unit.chosen').map((e) => e.data),
      [{ code: '12', name: 'UBND phường Xuân Đỉnh', how: 'menu' }],
    );
  });

  it('takes 1 after the inter-digit timeout, since 1 could still grow into 12', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('menu'));
    await call.press('1');
    const ticket = await putThroughThenLeave(call, 'PJSIP/ward1');
    assert.equal(ticket.dialed_code, '1');
    assert.ok(!kindsOf(await h.timeline(call.id)).includes('menu.invalid'));
  });

  it('takes 1# at once: # ends the entry', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('menu'));
    await call.press('1#');
    const ticket = await putThroughThenLeave(call, 'PJSIP/ward1');
    assert.equal(ticket.dialed_code, '1');
  });

  it('says no-input and repeats the menu when no key comes within the first-digit timeout', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('no-input'));
    await call.until(() => heard(call).filter((id) => id === 'menu').length === 2, 'the menu a second time');
    await call.press('12');
    const ticket = await putThroughThenLeave(call, 'PJSIP/ward12');
    const menu = ['menu', 'menu-complaint', 'digits/9', 'digits/9'];
    assert.deepEqual(heard(call).slice(0, 8), ['welcome', 'recording-notice', ...menu, 'no-input', 'menu']);
    assert.equal(ticket.outcome, 'answered');
    const invalid = (await h.timeline(call.id)).filter((e) => e.kind === 'menu.invalid');
    assert.deepEqual(
      invalid.map((e) => e.data),
      [{ digits: '', reason: 'no-input' }],
    );
  });

  it('says invalid and repeats the menu for an unknown code', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('menu'));
    await call.press('9');
    await call.waitForPlayback(sound('invalid'));
    await call.until(() => heard(call).filter((id) => id.startsWith('menu')).length === 2, 'the menu again');
    await call.press('12');
    const ticket = await putThroughThenLeave(call, 'PJSIP/ward12');
    assert.equal(ticket.dialed_code, '12');
    const invalid = (await h.timeline(call.id)).filter((e) => e.kind === 'menu.invalid');
    assert.deepEqual(
      invalid.map((e) => e.data),
      [{ digits: '9', reason: 'unknown-code' }],
    );
  });

  it('says invalid for 13: 1 is a code but 13 is none', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('menu'));
    await call.press('13');
    await call.waitForPlayback(sound('invalid'));
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'invalid_input');
    assert.equal(ticket.ended_by, 'caller');
    assert.deepEqual(h.asterisk().dialed(), []);
  });

  it('sends the caller to the district office after three failed attempts, never hanging up', async () => {
    const call = await h.asterisk().placeCall(citizen);
    for (const digit of ['9', '8', '7']) {
      await call.until(() => heard(call).at(-1)?.startsWith('menu') === true, 'the menu');
      await call.press(digit);
      await call.until(
        () => heard(call).at(-1) === 'invalid' || heard(call).at(-1) === 'to-operator',
        'invalid',
      );
    }
    const ticket = await putThroughThenLeave(call, 'PJSIP/operator');
    assert.ok(heard(call).includes('to-operator'));
    assert.equal(heard(call).filter((id) => id === 'invalid').length, 3);
    assert.deepEqual(
      h
        .asterisk()
        .dialed()
        .map((d) => d.endpoint),
      ['PJSIP/operator'],
    );
    assert.equal(ticket.dialed_code, '0');
    assert.equal(ticket.outcome, 'answered');
    const timeline = await h.timeline(call.id);
    assert.equal(timeline.filter((e) => e.kind === 'menu.invalid').length, 3);
    assert.deepEqual(timeline.find((e) => e.kind === 'unit.chosen')?.data.how, 'operator');
  });

  it('counts silence as a failed attempt too: three silences reach the operator', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('to-operator'), { timeoutMs: 3000 });
    const ticket = await putThroughThenLeave(call, 'PJSIP/operator');
    assert.equal(heard(call).filter((id) => id === 'no-input').length, 3);
    assert.equal(ticket.dialed_code, '0');
  });

  it('puts 0 through to the operator', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('menu'));
    await call.press('0');
    const ticket = await putThroughThenLeave(call, 'PJSIP/operator');
    assert.equal(ticket.dialed_code, '0');
    const chosen = (await h.timeline(call.id)).find((e) => e.kind === 'unit.chosen');
    assert.equal(chosen?.data.how, 'operator');
  });
});

describe('IVR menu: keys during prompts (barge-in)', () => {
  // Prompts long enough that a key always lands while they play.
  const h = useIvr({}, { promptMs: { welcome: 1500, menu: 1500, invalid: 1500 } });

  beforeEach(() => {
    h.asterisk().endpoint('PJSIP/ward12', taken).endpoint('PJSIP/ward1', taken);
  });

  it('stops the menu at the first key and routes the code', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('welcome'));
    await call.press('*');
    await call.waitForPlayback(sound('menu'));
    await call.press('12');
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    assert.deepEqual(heard(call).slice(0, 2), ['welcome:stopped', 'menu:stopped']);
    call.hangup();
    assert.equal((await h.finalTicket(call.id)).dialed_code, '12');
  });

  it('takes keys typed ahead during the welcome as the code, without playing the menu', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('welcome'));
    await call.press('12', { gapMs: 5 });
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    assert.ok(!heard(call).includes('menu'));
    assert.equal(heard(call)[0], 'welcome:stopped');
    call.hangup();
    assert.equal((await h.finalTicket(call.id)).dialed_code, '12');
  });

  it('repeats the menu on *', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('welcome'));
    await call.press('*');
    await call.waitForPlayback(sound('menu'));
    await call.press('*');
    await call.until(() => heard(call).filter((id) => id.startsWith('menu')).length === 2, 'the menu again');
    await call.press('12');
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    assert.deepEqual(heard(call).slice(0, 3), ['welcome:stopped', 'menu:stopped', 'menu:stopped']);
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.dialed_code, '12');
    assert.ok(kindsOf(await h.timeline(call.id)).includes('menu.repeat'));
  });

  it('stops the invalid prompt when the caller starts the next code', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('welcome'));
    await call.press('9');
    await call.waitForPlayback(sound('invalid'));
    await call.press('1#');
    await call.until(() => call.isBridgedWith('PJSIP/ward1'), 'caller bridged with ward 1');
    assert.deepEqual(heard(call).slice(0, 2), ['welcome:stopped', 'invalid:stopped']);
    call.hangup();
    assert.equal((await h.finalTicket(call.id)).dialed_code, '1');
  });
});

describe('IVR menu: a long inter-digit timeout', () => {
  const h = useIvr({ interDigitTimeoutMs: 60_000 });

  beforeEach(() => {
    h.asterisk().endpoint('PJSIP/ward12', taken).endpoint('PJSIP/ward1', taken);
  });

  it('waits after 1 for a second digit', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('menu'));
    await call.press('12', { gapMs: 400 });
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    call.hangup();
    assert.equal((await h.finalTicket(call.id)).dialed_code, '12');
  });

  it('takes 1 as soon as # ends the entry', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await call.waitForPlayback(sound('menu'));
    await call.press('1#');
    await call.until(() => call.isBridgedWith('PJSIP/ward1'), 'caller bridged with ward 1');
    call.hangup();
    assert.equal((await h.finalTicket(call.id)).dialed_code, '1');
  });
});
