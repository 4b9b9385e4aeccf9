import assert from 'node:assert/strict';
import { answers, type CallHandle, neverAnswers } from '../support/asterisk';
import { heard, sound, TRUNK, targetResults, useIvr } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412' };
/** The harness rings each target for 2 Asterisk seconds, at 100 ms each. */
const RING_TIMEOUT_MS = 200;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('IVR races', () => {
  const h = useIvr({}, { promptMs: { menu: 100 } });

  /** Exactly one official is with the caller, every other leg is gone, and the ticket names the one. */
  async function assertOneOfficial(call: CallHandle, candidates: Array<{ endpoint: string; name: string }>) {
    await call.until(
      () => candidates.some(({ endpoint }) => call.isBridgedWith(endpoint)),
      'the caller bridged with an official',
    );
    const bridged = candidates.filter(({ endpoint }) => call.isBridgedWith(endpoint));
    assert.equal(bridged.length, 1);
    const alive = h
      .asterisk()
      .legs()
      .filter((leg) => leg.isAlive);
    assert.deepEqual(
      alive.map((leg) => leg.endpoint),
      [bridged[0]?.endpoint],
    );
    call.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'answered');
    assert.equal(ticket.answered_by_name, bridged[0]?.name);
  }

  it('hangs up the ringing leg when the caller hangs up while it rings', async () => {
    h.asterisk().endpoint('PJSIP/ward12', neverAnswers());
    const call = await h.asterisk().placeCall({ ...citizen, args: ['12'] });
    const leg = await h.asterisk().waitForLeg('PJSIP/ward12');
    await leg.waitForState('Ringing');
    call.hangup();
    await leg.waitForHangup();
    assert.deepEqual(
      h
        .asterisk()
        .dialed()
        .map((d) => `${d.endpoint} ${d.result}`),
      ['PJSIP/ward12 CANCEL'],
    );
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'abandoned');
    assert.equal(ticket.abandoned_stage, 'ringing');
  });

  for (const offsetMs of [-10, 0, 10]) {
    it(`follows Asterisk when the official answers ${offsetMs} ms from the ring timeout`, async () => {
      h.asterisk()
        .endpoint('PJSIP/ward12', answers({ afterMs: RING_TIMEOUT_MS + offsetMs }))
        .endpoint('PJSIP/operator', answers({ afterMs: 20 }));
      const call = await h.asterisk().placeCall({ ...citizen, args: ['12'] });
      await assertOneOfficial(call, [
        { endpoint: 'PJSIP/ward12', name: 'Chủ tịch phường Xuân Đỉnh' },
        { endpoint: 'PJSIP/operator', name: 'Trực ban' },
      ]);
      const [first] = h.asterisk().dialed();
      const results = targetResults(await h.timeline(call.id));
      assert.equal(results[0], `PJSIP/ward12 → ${first?.result === 'ANSWER' ? 'accepted' : 'no-answer'}`);
    });
  }

  for (const offsetMs of [-20, 0, 20]) {
    it(`bridges one official only when ward 2 confirms ${offsetMs} ms from its deadline and the next answers at once`, async () => {
      // The confirmation prompt (3 × 40 ms) is followed by the 600 ms wait that began with it.
      h.asterisk()
        .endpoint(TRUNK.ward2, answers({ afterMs: 20, pressKeys: { keys: '1', afterMs: 600 + offsetMs } }))
        .endpoint('PJSIP/operator', answers({ afterMs: 0 }));
      const call = await h.asterisk().placeCall({ ...citizen, args: ['2'] });
      await assertOneOfficial(call, [
        { endpoint: TRUNK.ward2, name: 'Chủ tịch phường Cổ Nhuế 2' },
        { endpoint: 'PJSIP/operator', name: 'Trực ban' },
      ]);
    });
  }

  for (const confirms of [false, true]) {
    it(`rings the next target when ${confirms ? 'a phone' : 'an endpoint'} hangs up the instant it answers`, async () => {
      const endpoint = confirms ? TRUNK.ward2 : 'PJSIP/ward12';
      h.asterisk()
        .endpoint(endpoint, answers({ afterMs: 20, hangsUpAfterMs: 0 }))
        .endpoint('PJSIP/operator', answers({ afterMs: 20 }));
      const call = await h.asterisk().placeCall({ ...citizen, args: [confirms ? '2' : '12'] });
      await assertOneOfficial(call, [{ endpoint: 'PJSIP/operator', name: 'Trực ban' }]);
    });
  }

  for (const offsetMs of [-5, 0, 5]) {
    it(`never loses a code typed ${offsetMs} ms from the end of the menu`, async () => {
      h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 20 }));
      const call = await h.asterisk().placeCall(citizen);
      await call.waitForPlayback(sound('menu'));
      await delay(100 + offsetMs);
      await call.press('12', { gapMs: 1 });
      await assertOneOfficial(call, [{ endpoint: 'PJSIP/ward12', name: 'Chủ tịch phường Xuân Đỉnh' }]);
    });
  }

  for (const prompt of ['welcome', 'menu', 'please-hold']) {
    it(`records an abandoned call, not a failed one, when the caller hangs up as ${prompt} ends`, async () => {
      const call = await h
        .asterisk()
        .placeCall({ ...citizen, ...(prompt === 'please-hold' && { args: ['12'] }) });
      await call.until(() => heard(call).includes(prompt), `${prompt} played to the end`);
      call.hangup();
      const ticket = await h.finalTicket(call.id);
      assert.equal(ticket.outcome, 'abandoned');
    });
  }

  it('ends cleanly when caller and official hang up at the same instant', async () => {
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 20 }));
    const call = await h.asterisk().placeCall({ ...citizen, args: ['12'] });
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    const [official] = h.asterisk().legs('PJSIP/ward12');
    call.hangup();
    official?.hangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'answered');
    assert.ok(!heard(call).includes('survey'));
  });

  it('keeps two citizens calling at once apart: one ticket and one official each', async () => {
    h.asterisk()
      .endpoint('PJSIP/ward12', answers({ afterMs: 30 }))
      .endpoint('PJSIP/ward1', answers({ afterMs: 30 }));
    const [first, second] = await Promise.all([
      h.asterisk().placeCall({ ...citizen, args: ['12'] }),
      h.asterisk().placeCall({ from: '0987654321', to: '0889009412', args: ['1'] }),
    ]);
    await first.until(() => first.isBridgedWith('PJSIP/ward12'), 'first caller with ward 12');
    await second.until(() => second.isBridgedWith('PJSIP/ward1'), 'second caller with ward 1');
    assert.equal(h.ivr().activeCalls, 2);
    first.hangup();
    second.hangup();
    const tickets = await Promise.all([h.finalTicket(first.id), h.finalTicket(second.id)]);
    assert.deepEqual(
      tickets.map((t) => [t.dialed_code, t.caller_number]),
      [
        ['12', '+84912345678'],
        ['1', '+84987654321'],
      ],
    );
  });
});
