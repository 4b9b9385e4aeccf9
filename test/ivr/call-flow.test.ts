import assert from 'node:assert/strict';
import { answers } from '../support/asterisk';
import { useIvr } from './ivr-harness';

const sound = (id: string) => `sound:hotline/vi/${id}`;

describe('IVR call flow against the Asterisk emulator', () => {
  const h = useIvr();

  it('routes 12 at once to ward 12, bridges its chairman and takes the rating', async () => {
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 50, hangsUpAfterMs: 300 }));
    const call = await h.asterisk().placeCall({ from: '0912345678', to: '0889009412' });
    await call.waitForPlayback(sound('menu'));
    await call.press('12');
    const leg = await h.asterisk().waitForLeg('PJSIP/ward12');
    await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
    await leg.waitForHangup();
    await call.waitForPlayback(sound('survey'));
    await call.press('1');
    await call.waitForHangup();
    const ticket = await h.finalTicket(call.id);
    assert.equal(ticket.outcome, 'answered');
    assert.equal(ticket.dialed_code, '12');
    assert.equal(ticket.rating, 1);
    assert.equal(ticket.ended_by, 'official');
    assert.equal(ticket.caller_number, '+84912345678');
  });
});
