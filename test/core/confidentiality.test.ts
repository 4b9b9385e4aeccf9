import assert from 'node:assert/strict';
import { officialDialAsSeen } from '../../core/domain/official-numbers';
import {
  callerAsSeen,
  listScopeOf,
  mayChangeConfidentiality,
  type Reader,
  sightOf,
} from '../../core/tickets/confidentiality';

const admin: Reader = { kind: 'user', role: 'admin', unitIds: [] };
const official: Reader = { kind: 'user', role: 'ward_official', unitIds: [1] };
const viewer: Reader = { kind: 'user', role: 'viewer', unitIds: [] };
const mail: Reader = { kind: 'mail' };

describe('confidentiality: who sees what of a ticket', () => {
  const own = { unitId: 1, confidential: false };
  const ownSecret = { unitId: 1, confidential: true };
  const other = { unitId: 2, confidential: false };
  const otherSecret = { unitId: 2, confidential: true };
  const cases: Array<[string, Reader, typeof own, ReturnType<typeof sightOf>]> = [
    ['admin, a plain ticket', admin, other, { caller: 'full', text: true }],
    ['admin, a confidential one', admin, otherSecret, { caller: 'full', text: true }],
    ["ward official, their unit's", official, own, { caller: 'full', text: true }],
    ["ward official, their unit's confidential one", official, ownSecret, { caller: 'masked', text: true }],
    ["ward official, another unit's", official, other, null],
    ['viewer, a plain ticket', viewer, other, { caller: 'masked', text: true }],
    ['viewer, a confidential one', viewer, otherSecret, null],
    ['a mail, a plain ticket', mail, own, { caller: 'masked', text: true }],
    ['a mail, a confidential one', mail, ownSecret, { caller: 'hidden', text: false }],
  ];
  for (const [name, reader, ticket, sight] of cases) {
    it(`${name} → ${JSON.stringify(sight)}`, () => assert.deepEqual(sightOf(reader, ticket), sight));
  }

  it('the database filter says the same as the rule, for every reader and ticket', () => {
    for (const [, reader, ticket] of cases) {
      const scope = listScopeOf(reader);
      const listed =
        (scope.unitIds === null || (ticket.unitId !== null && scope.unitIds.includes(ticket.unitId))) &&
        (scope.includesConfidential || !ticket.confidential);
      const full =
        scope.fullCallers === 'all' || (scope.fullCallers === 'non-confidential' && !ticket.confidential);
      const sight = sightOf(reader, ticket);
      assert.equal(listed, sight !== null);
      if (sight) assert.equal(full, sight.caller === 'full');
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
