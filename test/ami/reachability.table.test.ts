import assert from 'node:assert/strict';
import { amiEndpointOf } from '../../core/domain/dial-target';
import { ReachabilityTable } from '../../ivr/ami/reachability.table';

type Step =
  | ['contact', string, string, string]
  | ['device', string, string]
  | ['resync', Array<[string, string, string]>];

function play(steps: Step[]): ReachabilityTable {
  const table = new ReachabilityTable();
  for (const step of steps) {
    if (step[0] === 'contact') table.onContactStatus(step[1], step[2], step[3]);
    else if (step[0] === 'device') table.onDeviceState(step[1], step[2]);
    else table.resync(step[1].map(([endpoint, uri, status]) => ({ endpoint, uri, status })));
  }
  return table;
}

const A = 'sip:ward1@192.0.2.10:5060';
const B = 'sip:ward1@192.0.2.11:5060';

describe('ReachabilityTable: what AMI said, as reachability', () => {
  const cases: Array<{ name: string; steps: Step[]; expected: string }> = [
    { name: 'never mentioned', steps: [], expected: 'unknown' },
    { name: 'qualify answered', steps: [['contact', 'ward1', A, 'Reachable']], expected: 'reachable' },
    { name: 'qualify failed', steps: [['contact', 'ward1', A, 'Unreachable']], expected: 'unreachable' },
    { name: 'just registered', steps: [['contact', 'ward1', A, 'Created']], expected: 'unknown' },
    { name: 'not qualified', steps: [['contact', 'ward1', A, 'NonQualified']], expected: 'unknown' },
    {
      name: 'a re-registration keeps the qualify result',
      steps: [
        ['contact', 'ward1', A, 'Reachable'],
        ['contact', 'ward1', A, 'Updated'],
      ],
      expected: 'reachable',
    },
    {
      name: 'its only contact removed',
      steps: [
        ['contact', 'ward1', A, 'Reachable'],
        ['contact', 'ward1', A, 'Removed'],
      ],
      expected: 'unreachable',
    },
    {
      name: 'one of two contacts still reachable',
      steps: [
        ['contact', 'ward1', A, 'Unreachable'],
        ['contact', 'ward1', B, 'Reachable'],
      ],
      expected: 'reachable',
    },
    {
      name: 'one unreachable, one unqualified',
      steps: [
        ['contact', 'ward1', A, 'Unreachable'],
        ['contact', 'ward1', B, 'NonQualified'],
      ],
      expected: 'unknown',
    },
    {
      name: 'device unavailable, contacts never seen',
      steps: [['device', 'PJSIP/ward1', 'UNAVAILABLE']],
      expected: 'unreachable',
    },
    {
      name: 'device in use, contacts never seen',
      steps: [['device', 'PJSIP/ward1', 'INUSE']],
      expected: 'reachable',
    },
    { name: 'device state unknown', steps: [['device', 'PJSIP/ward1', 'UNKNOWN']], expected: 'unknown' },
    { name: 'another technology', steps: [['device', 'SIP/ward1', 'UNAVAILABLE']], expected: 'unknown' },
    {
      name: 'contacts outrank device state',
      steps: [
        ['contact', 'ward1', A, 'Reachable'],
        ['device', 'PJSIP/ward1', 'UNAVAILABLE'],
      ],
      expected: 'reachable',
    },
    {
      name: 'a listing replaces what events said',
      steps: [
        ['contact', 'ward1', A, 'Reachable'],
        ['resync', [['ward1', A, 'Unreachable']]],
      ],
      expected: 'unreachable',
    },
    {
      name: 'absent from a listing after being seen: no contacts left',
      steps: [
        ['contact', 'ward1', A, 'Reachable'],
        ['resync', [['ward12', A, 'Reachable']]],
      ],
      expected: 'unreachable',
    },
    { name: 'absent from a listing, never seen', steps: [['resync', []]], expected: 'unknown' },
  ];
  for (const { name, steps, expected } of cases) {
    it(`${name} → ${expected}`, () => assert.equal(play(steps).reachability('ward1'), expected));
  }

  it('counts the endpoints it knows by state', () => {
    const table = play([
      ['contact', 'ward1', A, 'Reachable'],
      ['contact', 'ward12', A, 'Unreachable'],
      ['device', 'PJSIP/operator', 'NOT_INUSE'],
      ['device', 'PJSIP/ward2', 'UNKNOWN'],
    ]);
    assert.equal(table.endpointsKnown, 4);
    assert.deepEqual(table.counts(), { reachable: 2, unreachable: 1, unknown: 1 });
  });
});

describe('amiEndpointOf: which targets AMI can vouch for', () => {
  const cases: Array<[string, Parameters<typeof amiEndpointOf>[0], string | null]> = [
    ['a PJSIP endpoint', { kind: 'endpoint', endpoint: 'PJSIP/ward1' }, 'ward1'],
    ['a number through a PJSIP endpoint', { kind: 'endpoint', endpoint: 'PJSIP/0912000101@trunk' }, null],
    ['a PJSIP endpoint with a URI', { kind: 'endpoint', endpoint: 'PJSIP/ward1/sip:101@10.0.0.1' }, null],
    ['a Local channel', { kind: 'endpoint', endpoint: 'Local/101@internal' }, null],
    ['a chan_sip peer', { kind: 'endpoint', endpoint: 'SIP/ward1' }, null],
    ['a phone number (through the trunk)', { kind: 'phone', e164: '+84912000101' }, null],
  ];
  for (const [name, dial, expected] of cases) {
    it(`${name} → ${String(expected)}`, () => assert.equal(amiEndpointOf(dial), expected));
  }
});
