import assert from 'node:assert/strict';
import { planOrphans } from '../../ivr/calls/orphans.plan';
import { ringFailureOf } from '../../ivr/calls/ring';

describe('Why an unanswered leg ended, from its hangup cause', () => {
  const cases: Array<[number | undefined, string]> = [
    [17, 'busy'],
    [21, 'rejected'],
    [18, 'no-answer'],
    [19, 'no-answer'],
    [20, 'unavailable'],
    [1, 'unavailable'],
    [16, 'unavailable'],
    [undefined, 'unavailable'],
  ];
  for (const [cause, reason] of cases) {
    it(`cause ${cause} is ${reason}`, () => assert.equal(ringFailureOf(cause), reason));
  }
});

describe('What a restart left in the Stasis app, and what is done with it', () => {
  const at = new Date('2026-12-02T01:00:00Z');
  const citizen = { id: '1796190000.1', state: 'Up', callerNumber: '0912345678', createdAt: at };
  const official = { id: 'leg-a', state: 'Up', callerNumber: '', createdAt: at };

  it('keeps a citizen and an official in a bridge talking', () => {
    assert.deepEqual(
      planOrphans([citizen, official], [{ id: 'bridge-1', channelIds: [citizen.id, official.id] }]),
      [{ kind: 'keep-talking', bridgeId: 'bridge-1', channelIds: [citizen.id, official.id], citizen }],
    );
  });

  it('hands a waiting citizen over, hangs up a ringing leg, destroys a bridge nobody talks in', () => {
    const ringing = { ...official, id: 'leg-b', state: 'Ringing' };
    assert.deepEqual(planOrphans([citizen, ringing], [{ id: 'bridge-2', channelIds: [] }]), [
      { kind: 'destroy-bridge', bridgeId: 'bridge-2' },
      { kind: 'hand-over', citizen },
      { kind: 'hang-up', channelId: 'leg-b' },
    ]);
  });
});
