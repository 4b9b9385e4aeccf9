import assert from 'node:assert/strict';
import { type CallEnding, callVerdict, isUsableVoicemail } from '../../core/tickets/call-verdict';

const endedAt = new Date('2026-12-02T03:00:00Z');
const dayLater = new Date('2026-12-03T03:00:00Z');

const base: CallEnding = {
  reason: 'completed',
  stage: 'survey',
  answered: false,
  usableVoicemail: false,
  anyTargetTried: false,
  invalidEntries: 0,
  rating: null,
  endedAt,
};

describe('call verdict: what a call means for its ticket (core/tickets)', () => {
  const rows: Array<[string, Partial<CallEnding>, string, string | null, boolean]> = [
    // what happened, the facts, outcome, abandoned stage, needs a callback
    ['answered and rated satisfied', { answered: true, rating: 2 }, 'answered', null, false],
    ['answered, then "not satisfied"', { answered: true, rating: 3 }, 'answered', null, true],
    ['answered, then the service failed', { answered: true, reason: 'failed' }, 'answered', null, false],
    [
      'a message left',
      { stage: 'voicemail', usableVoicemail: true, anyTargetTried: true },
      'voicemail',
      null,
      true,
    ],
    [
      'a message left, then the caller hung up',
      { reason: 'caller-hung-up', stage: 'voicemail', usableVoicemail: true },
      'voicemail',
      null,
      true,
    ],
    [
      'hung up at the beep',
      { reason: 'caller-hung-up', stage: 'voicemail', anyTargetTried: true },
      'missed',
      null,
      true,
    ],
    [
      'nobody answered, the flow ran to its end',
      { stage: 'ringing', anyTargetTried: true },
      'missed',
      null,
      true,
    ],
    ['nobody could be rung at all', { stage: 'ringing' }, 'failed', null, false],
    [
      'the service failed while ringing',
      { reason: 'failed', stage: 'ringing', anyTargetTried: true },
      'failed',
      null,
      false,
    ],
    [
      'gave up while phones rang',
      { reason: 'caller-hung-up', stage: 'ringing', anyTargetTried: true },
      'abandoned',
      'ringing',
      true,
    ],
    [
      'left during the greeting',
      { reason: 'caller-hung-up', stage: 'greeting' },
      'abandoned',
      'greeting',
      false,
    ],
    [
      'left the menu after a wrong code',
      { reason: 'caller-hung-up', stage: 'menu', invalidEntries: 1 },
      'invalid_input',
      null,
      false,
    ],
    ['left the menu in silence', { reason: 'caller-hung-up', stage: 'menu' }, 'abandoned', 'menu', false],
  ];
  for (const [what, facts, outcome, abandonedStage, needsCallback] of rows) {
    it(`${what}: ${outcome}${needsCallback ? ', call back within a day' : ''}`, () => {
      assert.deepEqual(callVerdict({ ...base, ...facts }), {
        outcome,
        abandonedStage,
        needsCallback,
        dueAt: needsCallback ? dayLater : null,
      });
    });
  }

  it('a voicemail counts as a message from 2 seconds on', () => {
    assert.deepEqual([1.9, 2, 30].map(isUsableVoicemail), [false, true, true]);
  });
});
