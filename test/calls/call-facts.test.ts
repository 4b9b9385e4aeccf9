import assert from 'node:assert/strict';
import { CallFacts } from '../../ivr/calls/call-facts';

const t0 = new Date('2026-11-23T01:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const unit = { id: 7, code: '7', name: 'UBND phường Phú Diễn' };

function newCall(): CallFacts {
  return new CallFacts({ channelId: '1795327195.2', callerNumber: '+84912345678', receivedAt: t0 });
}

describe('call facts: the outcome a call leaves on its ticket', () => {
  it('answered: wait until answer, talk until the official hung up, ended by the official', () => {
    const facts = newCall();
    facts.enterStage('menu');
    facts.unitChosen(unit, 'menu');
    facts.enterStage('ringing');
    facts.answered({ contactId: 3, name: 'Chủ tịch' }, at(12));
    facts.talkEnded(at(72));
    facts.rated(2);
    facts.ended('completed', 'official', at(80));
    const { snapshot } = facts.nextWrite();
    assert.equal(snapshot.outcome, 'answered');
    assert.equal(snapshot.waitSeconds, 12);
    assert.equal(snapshot.talkSeconds, 60);
    assert.equal(snapshot.rating, 2);
    assert.equal(snapshot.needsCallback, false);
    assert.equal(snapshot.dueAt, null);
  });

  it('"not satisfied" asks for a callback due a day later', () => {
    const facts = newCall();
    facts.answered({ contactId: 3, name: 'Chủ tịch' }, at(5));
    facts.rated(3);
    facts.ended('completed', 'official', at(50));
    const { snapshot } = facts.nextWrite();
    assert.equal(snapshot.needsCallback, true);
    assert.deepEqual(snapshot.dueAt, new Date(at(50).getTime() + 24 * 3600 * 1000));
  });

  const cases: Array<{
    name: string;
    play(f: CallFacts): void;
    outcome: string;
    stage: string | null;
    callback: boolean;
  }> = [
    {
      name: 'hangs up during the greeting: abandoned at greeting',
      play: (f) => f.ended('caller-hung-up', 'caller', at(3)),
      outcome: 'abandoned',
      stage: 'greeting',
      callback: false,
    },
    {
      name: 'hangs up in the menu after an unknown code: invalid input',
      play: (f) => {
        f.enterStage('menu');
        f.invalidEntry('99', 'unknown-code');
        f.ended('caller-hung-up', 'caller', at(20));
      },
      outcome: 'invalid_input',
      stage: null,
      callback: false,
    },
    {
      name: 'hangs up in the menu after silence only: abandoned at menu',
      play: (f) => {
        f.enterStage('menu');
        f.invalidEntry('', 'no-input');
        f.ended('caller-hung-up', 'caller', at(20));
      },
      outcome: 'abandoned',
      stage: 'menu',
      callback: false,
    },
    {
      name: 'hangs up while the phones ring: abandoned at ringing, called back',
      play: (f) => {
        f.enterStage('ringing');
        f.ended('caller-hung-up', 'caller', at(30));
      },
      outcome: 'abandoned',
      stage: 'ringing',
      callback: true,
    },
    {
      name: 'leaves a message: voicemail, called back',
      play: (f) => {
        f.enterStage('ringing');
        f.targetTried({ contactId: 1 }, 'no-answer');
        f.enterStage('voicemail');
        f.voicemailStarted('voicemail-1', at(40));
        f.ended('caller-hung-up', 'caller', at(70));
      },
      outcome: 'voicemail',
      stage: null,
      callback: true,
    },
    {
      name: 'hangs up at the beep: missed, called back, no voicemail kept',
      play: (f) => {
        f.enterStage('ringing');
        f.targetTried({ contactId: 1 }, 'busy');
        f.enterStage('voicemail');
        f.voicemailStarted('voicemail-1', at(40));
        f.ended('caller-hung-up', 'caller', at(41));
      },
      outcome: 'missed',
      stage: null,
      callback: true,
    },
    {
      name: 'an internal error before anyone answered: failed',
      play: (f) => f.ended('failed', 'system', at(5)),
      outcome: 'failed',
      stage: null,
      callback: false,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const facts = newCall();
      c.play(facts);
      const { snapshot } = facts.nextWrite();
      assert.equal(snapshot.outcome, c.outcome);
      assert.equal(snapshot.abandonedStage, c.stage);
      assert.equal(snapshot.needsCallback, c.callback);
      if (c.outcome !== 'voicemail') assert.equal(snapshot.voicemailName, null);
    });
  }

  it('hands out each timeline step once, with growing versions', () => {
    const facts = newCall();
    const first = facts.nextWrite();
    facts.enterStage('menu');
    facts.ended('caller-hung-up', 'caller', at(4));
    const second = facts.nextWrite();
    assert.deepEqual([first.snapshot.version, second.snapshot.version], [1, 2]);
    assert.deepEqual(
      first.events.map((e) => e.kind),
      ['call.received'],
    );
    assert.deepEqual(
      second.events.map((e) => e.kind),
      ['stage', 'call.ended'],
    );
    assert.deepEqual(
      second.events.map((e) => e.seq),
      [2, 3],
    );
  });
});
