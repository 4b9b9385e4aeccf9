import assert from 'node:assert/strict';
import type { CallHandle } from '../support/asterisk';
import { heard, heardOfMenu, menuPlayedThrough, sound, useIvr } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412' };
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The digits of one menu attempt are matched and resolved against one roster view (issue 13, item 4):
 * a refresh while the caller types (a unit removed, the complaint key turned off) takes effect from
 * the next attempt, and never leaves the digits naming nothing.
 */
describe('IVR: a roster refresh while the caller types', () => {
  // Long enough for the test to change the database and refresh the roster between two keys.
  const h = useIvr({ interDigitTimeoutMs: 1500 });

  /** Presses `key` once the menu plays, and gives the IVR time to take it. */
  async function pressInMenu(call: CallHandle, key: string): Promise<void> {
    await call.waitForPlayback(sound('menu'));
    await call.press(key);
    await delay(150);
  }

  it('sends a caller whose unit is removed during the inter-digit wait to that unit, not to a failure', async () => {
    const call = await h.asterisk().placeCall(citizen);
    await pressInMenu(call, '1'); // ward 1, or the start of 12: the IVR waits for more
    await h.db().db.knex('units').where({ code: '1' }).update({ active: false });
    try {
      await h.roster().refresh();
      assert.equal(h.roster().unitByCode('1'), undefined, 'the refreshed roster has no unit 1');
      await h.asterisk().waitForLeg('PJSIP/operator', 4000); // ward 1's fallback rings: the unit passes calls on
      call.hangup();
      const ticket = await h.finalTicket(call.id);
      assert.notEqual(ticket.outcome, 'failed');
      assert.ok(!heard(call).includes('sorry-error'), heard(call).join(' '));
      const unit1 = await h.db().db.knex('units').where({ code: '1' }).first('id');
      assert.equal(ticket.unit_id, unit1.id, 'the unit the digits named when they were typed');
    } finally {
      await h.db().db.knex('units').where({ code: '1' }).update({ active: true });
      await h.roster().refresh();
    }
  });

  it('takes the complaint key the caller began when it is turned off before the last digit', async () => {
    const settings = () => h.db().db.knex('settings').where({ key: 'confidential_code' });
    const call = await h.asterisk().placeCall(citizen);
    await pressInMenu(call, '9');
    await settings().update({ value: JSON.stringify(null) });
    try {
      await h.roster().refresh();
      assert.equal(h.roster().menu().confidentialCode, null);
      await call.press('9');
      const started = await call.waitFor('RecordingStarted', { timeoutMs: 3000 });
      assert.equal((started.recording as { name: string }).name, `complaint-${call.id}`);
      call.hangup();
      const ticket = await complaintOf(call.id);
      assert.equal(ticket.leader_only, true);
      assert.ok(!heard(call).includes('invalid'), heard(call).join(' '));

      const next = await h.asterisk().placeCall(citizen);
      await menuPlayedThrough(next, h);
      assert.deepEqual(heardOfMenu(next), ['menu'], 'the next call hears no key');
    } finally {
      await settings().update({ value: JSON.stringify('99') });
      await h.roster().refresh();
    }
  });

  const complaintOf = async (channelId: string) => {
    await h.finalTicket(channelId);
    return h.db().db.knex('tickets').where({ asterisk_channel_id: channelId }).first('leader_only');
  };
});
