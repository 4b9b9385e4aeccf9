import assert from 'node:assert/strict';
import { officialDialAsSeen } from '../../core/domain/official-numbers';
import {
  aggregateScopeOf,
  callerAsSeen,
  isAwaitingChoice,
  kindOf,
  listScopeOf,
  mayChangeConfidentiality,
  mayReadComplaints,
  type Reader,
  readsLeaderOnly,
  sightOf,
  type TicketFacts,
} from '../../core/tickets/confidentiality';

const admin: Reader = { kind: 'user', role: 'admin', unitIds: [], readsComplaints: false };
const official: Reader = { kind: 'user', role: 'ward_official', unitIds: [1], readsComplaints: false };
const viewer: Reader = { kind: 'user', role: 'viewer', unitIds: [], readsComplaints: false };
const mail: Reader = { kind: 'mail' };
/** The office clerk (an admin) and the chairman (a viewer), granted users.reads_complaints. */
const clerk: Reader = { kind: 'user', role: 'admin', unitIds: [], readsComplaints: true };
const chairman: Reader = { kind: 'user', role: 'viewer', unitIds: [], readsComplaints: true };
/** A flag that should never be set on unit staff (the users API refuses it) grants them nothing. */
const flaggedOfficial: Reader = { kind: 'user', role: 'ward_official', unitIds: [1], readsComplaints: true };
const readers = { admin, official, viewer, mail, clerk, chairman, flaggedOfficial };

describe('confidentiality: who sees what of a ticket', () => {
  const own = { unitId: 1, confidential: false, leaderOnly: false, awaitingChoice: false };
  const ownSecret = { unitId: 1, confidential: true, leaderOnly: false, awaitingChoice: false };
  const other = { unitId: 2, confidential: false, leaderOnly: false, awaitingChoice: false };
  const otherSecret = { unitId: 2, confidential: true, leaderOnly: false, awaitingChoice: false };
  /** A call in the menu: its caller may still press the confidential complaint key. */
  const inMenu = { unitId: null, confidential: false, leaderOnly: false, awaitingChoice: true };
  const cases: Array<[string, Reader, TicketFacts, ReturnType<typeof sightOf>]> = [
    ['admin, a plain ticket', admin, other, { caller: 'full', text: true }],
    ['admin, a confidential one', admin, otherSecret, { caller: 'full', text: true }],
    ["ward official, their unit's", official, own, { caller: 'full', text: true }],
    ["ward official, their unit's confidential one", official, ownSecret, { caller: 'masked', text: true }],
    ["ward official, another unit's", official, other, null],
    ['viewer, a plain ticket', viewer, other, { caller: 'masked', text: true }],
    ['viewer, a confidential one', viewer, otherSecret, null],
    ['a mail, a plain ticket', mail, own, { caller: 'masked', text: true }],
    ['a mail, a confidential one', mail, ownSecret, { caller: 'hidden', text: false }],
    ['the clerk, a plain ticket', clerk, other, { caller: 'full', text: true }],
    ['the chairman (a viewer), a plain ticket', chairman, other, { caller: 'masked', text: true }],
    ['the chairman (a viewer), a confidential one', chairman, otherSecret, null],
    ["a flagged ward official, their unit's", flaggedOfficial, own, { caller: 'full', text: true }],
    ['admin, a call before the menu’s choice', admin, inMenu, { caller: 'masked', text: true }],
    ['the clerk, a call before the menu’s choice', clerk, inMenu, { caller: 'full', text: true }],
    ['viewer, a call before the menu’s choice', viewer, inMenu, { caller: 'masked', text: true }],
    ['ward official, a call before the menu’s choice', official, inMenu, null],
  ];
  for (const [name, reader, ticket, sight] of cases) {
    it(`${name} → ${JSON.stringify(sight)}`, () => assert.deepEqual(sightOf(reader, ticket), sight));
  }

  it('the database filter says the same as the rule, for every reader and ticket', () => {
    for (const [, reader, ticket] of cases) {
      assertFilterAgrees(reader, ticket);
    }
  });

  it('shows a caller in full, masked, or as a word with no digits', () => {
    assert.equal(callerAsSeen('+84912345678', { caller: 'full', text: true }), '+84912345678');
    assert.equal(callerAsSeen('+84912345678', { caller: 'masked', text: true }), '+84***78');
    assert.equal(callerAsSeen('+84912345678', { caller: 'hidden', text: false }), 'phản ánh kín');
    assert.equal(callerAsSeen(null, { caller: 'full', text: true }), null);
  });

  it('lets only Home Affairs change the flag', () => {
    assert.deepEqual([admin, official, viewer, mail].map(mayChangeConfidentiality), [
      true,
      false,
      false,
      false,
    ]);
  });

  it("masks officials' phones for viewers only, endpoints never", () => {
    assert.equal(officialDialAsSeen('viewer', '+84912000001'), '+84***01');
    assert.equal(officialDialAsSeen('ward_official', '+84912000001'), '+84912000001');
    assert.equal(officialDialAsSeen('admin', '+84912000001'), '+84912000001');
    assert.equal(officialDialAsSeen('viewer', 'PJSIP/ward1'), 'PJSIP/ward1');
  });
});

/** The list filter, the aggregate filter and the rule say the same of this reader and ticket. */
function assertFilterAgrees(reader: Reader, ticket: TicketFacts): void {
  const scope = listScopeOf(reader);
  const inUnits = scope.unitIds === null || (ticket.unitId !== null && scope.unitIds.includes(ticket.unitId));
  const listed = inUnits && scope.kinds.includes(kindOf(ticket));
  const sight = sightOf(reader, ticket);
  assert.equal(listed, sight !== null, `listed ${JSON.stringify(ticket)}`);
  if (sight) {
    const inFull =
      scope.fullCallers.kinds.includes(kindOf(ticket)) &&
      (!ticket.awaitingChoice || scope.fullCallers.awaitingChoice);
    assert.equal(inFull, sight.caller === 'full', `in full ${JSON.stringify(ticket)}`);
  }
  for (const kind of scope.fullCallers.kinds) assert.ok(scope.kinds.includes(kind));
  const aggregate = aggregateScopeOf(reader);
  assert.deepEqual(aggregate.unitIds, scope.unitIds);
  if (ticket.leaderOnly) assert.equal(aggregate.includesLeaderOnly && inUnits, sight !== null);
}

describe('confidentiality: a confidential complaint to the chairman (leader-only)', () => {
  const complaint: TicketFacts = { unitId: 1, confidential: true, leaderOnly: true, awaitingChoice: false };
  const cases: Array<[keyof typeof readers, ReturnType<typeof sightOf>]> = [
    ['official', null],
    ['flaggedOfficial', null],
    ['viewer', null],
    ['mail', null],
    ['admin', { caller: 'masked', text: true }],
    ['clerk', { caller: 'full', text: true }],
    ['chairman', { caller: 'full', text: true }],
  ];
  for (const [name, sight] of cases) {
    it(`${name} → ${JSON.stringify(sight)}`, () =>
      assert.deepEqual(sightOf(readers[name], complaint), sight));
  }

  it("does not exist for the unit's own staff, whatever the unit or the flag", () => {
    for (const unitIds of [[1], [1, 2], [2]]) {
      for (const readsComplaints of [false, true]) {
        const staff: Reader = { kind: 'user', role: 'ward_official', unitIds, readsComplaints };
        assert.equal(sightOf(staff, complaint), null);
        assert.equal(readsLeaderOnly(staff), false);
        assert.equal(aggregateScopeOf(staff).includesLeaderOnly, false);
      }
    }
  });

  it('the list and aggregate filters say the same as the rule, for every reader and kind of ticket', () => {
    const tickets: TicketFacts[] = [];
    for (const unitId of [1, 2, null])
      for (const [confidential, leaderOnly] of [
        [false, false],
        [true, false],
        [true, true],
      ] as const)
        for (const awaitingChoice of [false, true])
          if (!awaitingChoice || (unitId === null && !leaderOnly))
            tickets.push({ unitId, confidential, leaderOnly, awaitingChoice });
    for (const reader of Object.values(readers))
      for (const ticket of tickets) assertFilterAgrees(reader, ticket);
  });

  it('the permission may be granted to admins and viewers, never to unit staff', () => {
    assert.deepEqual(
      ['admin', 'viewer', 'ward_official'].map((role) => mayReadComplaints(role as never)),
      [true, true, false],
    );
  });

  it('a call awaits the choice only as a phone ticket of no unit, no outcome, not a complaint', () => {
    const inMenu = { channel: 'phone', unitId: null, outcome: null, leaderOnly: false } as const;
    assert.equal(isAwaitingChoice(inMenu), true);
    assert.equal(isAwaitingChoice({ ...inMenu, unitId: 1 }), false);
    assert.equal(isAwaitingChoice({ ...inMenu, outcome: 'abandoned' }), false);
    assert.equal(isAwaitingChoice({ ...inMenu, leaderOnly: true }), false);
    assert.equal(isAwaitingChoice({ ...inMenu, channel: 'web-feedback' }), false);
  });

  it('the kind of a ticket', () => {
    assert.equal(kindOf({ confidential: false, leaderOnly: false }), 'plain');
    assert.equal(kindOf({ confidential: true, leaderOnly: false }), 'confidential');
    assert.equal(kindOf({ confidential: true, leaderOnly: true }), 'leader-only');
  });
});
