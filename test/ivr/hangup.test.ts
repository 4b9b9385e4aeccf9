import assert from 'node:assert/strict';
import { type AsteriskEmulator, answers, type CallHandle, neverAnswers } from '../support/asterisk';
import { heard, sound, TRUNK, useIvr } from './ivr-harness';

const citizen = { from: '0912345678', to: '0889009412' };

interface Stage {
  name: string;
  /** Sets up the far ends, places the call and returns once the caller is where they hang up. */
  reach(asterisk: AsteriskEmulator): Promise<CallHandle>;
  outcome: string;
  abandonedStage: string | null;
  needsCallback: boolean;
  endedBy: string;
}

/** Where a caller can hang up, with the ticket each place must leave (the rule in ivr/calls/call-facts.ts). */
const stages: Stage[] = [
  {
    name: 'during the greeting',
    async reach(asterisk) {
      const call = await asterisk.placeCall(citizen);
      await call.waitForPlayback(sound('welcome'));
      return call;
    },
    outcome: 'abandoned',
    abandonedStage: 'greeting',
    needsCallback: false,
    endedBy: 'caller',
  },
  {
    name: 'during the menu',
    async reach(asterisk) {
      const call = await asterisk.placeCall(citizen);
      await call.waitForPlayback(sound('welcome'));
      await call.press('*');
      await call.waitForPlayback(sound('menu'));
      return call;
    },
    outcome: 'abandoned',
    abandonedStage: 'menu',
    needsCallback: false,
    endedBy: 'caller',
  },
  {
    name: 'during the announcement of the unit',
    async reach(asterisk) {
      const call = await asterisk.placeCall({ ...citizen, args: ['1'] });
      await call.waitForPlayback(sound('unit-1'));
      return call;
    },
    outcome: 'abandoned',
    abandonedStage: 'ringing',
    needsCallback: true,
    endedBy: 'caller',
  },
  {
    name: 'while a target rings',
    async reach(asterisk) {
      asterisk.endpoint('PJSIP/ward12', neverAnswers());
      const call = await asterisk.placeCall({ ...citizen, args: ['12'] });
      await (await asterisk.waitForLeg('PJSIP/ward12')).waitForState('Ringing');
      return call;
    },
    outcome: 'abandoned',
    abandonedStage: 'ringing',
    needsCallback: true,
    endedBy: 'caller',
  },
  {
    name: 'while the official is asked to confirm',
    async reach(asterisk) {
      asterisk.endpoint(TRUNK.ward2, answers({ afterMs: 20 }));
      const call = await asterisk.placeCall({ ...citizen, args: ['2'] });
      await (await asterisk.waitForLeg(TRUNK.ward2)).waitForPlayback(sound('confirm-official'));
      return call;
    },
    outcome: 'abandoned',
    abandonedStage: 'ringing',
    needsCallback: true,
    endedBy: 'caller',
  },
  {
    name: 'while talking',
    async reach(asterisk) {
      // Answered once the 40 ms recording notice has played, so the conversation is recorded.
      asterisk.endpoint('PJSIP/ward12', answers({ afterMs: 100 }));
      const call = await asterisk.placeCall({ ...citizen, args: ['12'] });
      await call.until(() => call.isBridgedWith('PJSIP/ward12'), 'caller bridged with ward 12');
      await call.until(() => asterisk.events('RecordingStarted').length > 0, 'the call recording');
      return call;
    },
    outcome: 'answered',
    abandonedStage: null,
    needsCallback: false,
    endedBy: 'caller',
  },
  {
    name: 'during the invitation to leave a message',
    async reach(asterisk) {
      const call = await asterisk.placeCall({ ...citizen, args: ['12'] });
      await call.waitForPlayback(sound('leave-message'), { timeoutMs: 3000 });
      return call;
    },
    outcome: 'missed',
    abandonedStage: null,
    needsCallback: true,
    endedBy: 'caller',
  },
  {
    name: 'right after the beep',
    async reach(asterisk) {
      const call = await asterisk.placeCall({ ...citizen, args: ['12'] });
      await call.waitFor('RecordingStarted', { timeoutMs: 3000 });
      return call;
    },
    outcome: 'missed',
    abandonedStage: null,
    needsCallback: true,
    endedBy: 'caller',
  },
  {
    name: 'during the survey',
    async reach(asterisk) {
      // Answers after the 160 ms announcement, well inside the 500 ms dial timeout of this suite.
      asterisk.endpoint('PJSIP/ward12', answers({ afterMs: 300, hangsUpAfterMs: 50 }));
      const call = await asterisk.placeCall({ ...citizen, args: ['12'] });
      await call.waitForPlayback(sound('survey'));
      return call;
    },
    outcome: 'answered',
    abandonedStage: null,
    needsCallback: false,
    endedBy: 'official',
  },
];

describe('IVR: the caller hangs up at any moment', () => {
  // Long prompts, so the caller is always in the middle of the one they hang up on.
  const h = useIvr(
    { ringTimeoutMs: 5000 },
    { promptMs: { welcome: 1000, menu: 1000, 'unit-1': 1000, 'confirm-official': 1000, survey: 1000 } },
  );

  for (const stage of stages) {
    it(`tears everything down and tells how far they got: ${stage.name}`, async () => {
      const call = await stage.reach(h.asterisk());
      call.hangup();
      const ticket = await h.finalTicket(call.id);
      assert.deepEqual(
        {
          outcome: ticket.outcome,
          abandonedStage: ticket.abandoned_stage,
          needsCallback: ticket.needs_callback,
          endedBy: ticket.ended_by,
        },
        {
          outcome: stage.outcome,
          abandonedStage: stage.abandonedStage,
          needsCallback: stage.needsCallback,
          endedBy: stage.endedBy,
        },
      );
      await h.asterisk().settle();
      for (const leg of h.asterisk().legs()) assert.equal(leg.state, 'Hungup', `${leg.describe()} hung up`);
      assert.deepEqual(h.asterisk().leftovers().liveRecordings, []);
      assert.ok(
        heard(call).every((id) => !id.endsWith(':playing')),
        'no prompt plays to a gone caller',
      );
      assert.equal(ticket.voicemail_name, null, 'no message worth keeping');
    });
  }
});
