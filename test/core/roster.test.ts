import assert from 'node:assert/strict';
import {
  type DutyTarget,
  onDutyTargets,
  RosterIndex,
  type RosterSnapshot,
  shiftCovers,
  type WeeklyShift,
} from '../../core/domain/roster';
import { DISTRICT, HANOI, hanoi, SNAPSHOT, summary } from './roster.fixture';

// Week of 2026-11-23: Mon 23, Tue 24, Wed 25, Thu 26, Fri 27, Sat 28, Sun 29, Mon 30.
const cases: [why: string, unitId: number, local: string, expected: string[]][] = [
  ['weekday day team, inactive contact skipped', 1, '2026-11-23T08:00', ['1001@1', '1002@1', '10001@100*']],
  ['weekday before the day team starts', 1, '2026-11-23T07:29', ['10001@100*']],
  ['weekday last minute of the day team', 1, '2026-11-27T16:59', ['1001@1', '1002@1', '10001@100*']],
  ['night shift starts as the day team ends', 1, '2026-11-27T17:00', ['1004@1', '10001@100*']],
  ['night shift, before midnight', 1, '2026-11-23T23:59', ['1004@1', '10001@100*']],
  ['night shift, midnight on the next day', 1, '2026-11-24T00:00', ['1004@1', '10001@100*']],
  ['night shift, Tuesday 03:00 from Monday', 1, '2026-11-24T03:00', ['1004@1', '10001@100*']],
  ['night shift, last minute', 1, '2026-11-24T07:29', ['1004@1', '10001@100*']],
  ['night shift over, day team again', 1, '2026-11-24T07:30', ['1001@1', '1002@1', '10001@100*']],
  [
    'Friday night into Saturday, with the weekend deputy',
    1,
    '2026-11-28T03:00',
    ['1002@1', '1004@1', '10001@100*'],
  ],
  ['weekend', 1, '2026-11-28T08:00', ['1002@1', '10001@100*']],
  [
    'Sunday night: district shift crossing into Monday starts',
    1,
    '2026-11-29T23:00',
    ['1002@1', '10002@100*', '10001@100*'],
  ],
  [
    'Monday 03:00: nobody in the ward, district shift from Sunday',
    1,
    '2026-11-30T03:00',
    ['10002@100*', '10001@100*'],
  ],
  ['Monday 06:00: the Sunday district shift has ended', 1, '2026-11-30T06:00', ['10001@100*']],
  ['null override: straight to fallback', 1, '2026-09-02T10:00', ['10001@100*']],
  ['null override replaces the night shift from its first instant', 1, '2026-09-02T00:00', ['10001@100*']],
  ['null override plus a contact override', 1, '2026-09-02T14:00', ['1002@1', '10001@100*']],
  ['override ended (exclusive): weekly plan again', 1, '2026-09-03T00:00', ['1004@1', '10001@100*']],
  ['override with inactive and unknown contacts only', 1, '2026-12-01T10:00', ['10001@100*']],
  [
    'before Tết: weekly plan; district phone already listed as ward 2',
    2,
    '2027-02-04T23:59',
    ['2001@2', '2002@2'],
  ],
  ['Tết override replaces the plan; fallback adds nobody new', 2, '2027-02-05T10:00', ['10002@2', '2002@2']],
  ['Tết, the chairman on duty that morning', 2, '2027-02-07T09:00', ['2001@2', '10002@2', '2002@2']],
  ['after Tết', 2, '2027-02-11T00:00', ['2001@2', '2002@2']],
  ['same contact in two shifts: best priority', 2, '2026-11-25T09:00', ['2002@2', '2001@2']],
  ['inactive unit: its fallback only', 3, '2026-11-23T10:00', ['10001@100*']],
  ['fallback cycle 4 → 5 → 4', 4, '2026-11-23T10:00', ['4001@4', '5001@5*']],
  ['fallback cycle 5 → 4 → 5', 5, '2026-11-23T10:00', ['5001@5', '4001@4*']],
  ['fallback to itself', 6, '2026-11-23T10:00', ['6001@6']],
  ['fallback to an unknown unit', 7, '2026-11-23T10:00', ['7001@7']],
  ['two-step fallback chain', 8, '2026-11-23T10:00', ['8001@8', '1001@1*', '1002@1*', '10001@100*']],
  ['two-step fallback chain, nobody of its own', 8, '2026-11-28T10:00', ['1002@1*', '10001@100*']],
  ['a unit without contacts or shifts', 9, '2026-11-23T10:00', ['10001@100*']],
  ['the district itself is not a fallback', DISTRICT, '2026-11-23T10:00', ['10001@100']],
  ['unknown unit', 999, '2026-11-23T10:00', []],
];

describe('onDutyTargets', () => {
  for (const [why, unitId, local, expected] of cases) {
    it(`unit ${unitId} at ${local} Hanoi: ${why}`, () => {
      assert.deepEqual(summary(onDutyTargets(SNAPSHOT, unitId, hanoi(local), HANOI)), expected);
    });
  }

  it('returns everything the IVR needs to ring each target', () => {
    const expected: DutyTarget[] = [
      {
        contactId: 1004,
        unitId: 1,
        contactName: 'Cán bộ 1004',
        dial: { kind: 'endpoint', endpoint: 'PJSIP/ward1' },
        confirmAnswer: false,
        isFallback: false,
      },
      {
        contactId: 10001,
        unitId: DISTRICT,
        contactName: 'Cán bộ 10001',
        dial: { kind: 'phone', e164: '+84900000000' },
        confirmAnswer: true,
        isFallback: true,
      },
    ];
    assert.deepEqual(onDutyTargets(SNAPSHOT, 1, hanoi('2026-11-24T03:00'), HANOI), expected);
  });

  it('reads the weekly plan in the given time zone', () => {
    // Monday 08:00 in Hanoi is Monday 01:00 in UTC: no ward 1 shift, the Sunday-night district one
    const at = hanoi('2026-11-23T08:00');
    assert.deepEqual(summary(onDutyTargets(SNAPSHOT, 1, at, HANOI)), ['1001@1', '1002@1', '10001@100*']);
    assert.deepEqual(summary(onDutyTargets(SNAPSHOT, 1, at, 'UTC')), ['10002@100*', '10001@100*']);
  });

  it('lists the same dial target once even across contacts of one unit', () => {
    const snapshot: RosterSnapshot = {
      ...SNAPSHOT,
      contacts: SNAPSHOT.contacts.map((c) =>
        c.id === 1002 ? { ...c, dial: { kind: 'endpoint', endpoint: 'PJSIP/ward1' } } : c,
      ),
    };
    assert.deepEqual(summary(onDutyTargets(snapshot, 1, hanoi('2026-11-28T03:00'), HANOI)), [
      '1002@1',
      '10001@100*',
    ]);
  });

  it('is empty for an empty snapshot', () => {
    const empty: RosterSnapshot = { units: [], contacts: [], shifts: [], overrides: [] };
    assert.deepEqual(onDutyTargets(empty, 1, hanoi('2026-11-23T08:00'), HANOI), []);
  });

  it('throws on an unknown time zone', () => {
    assert.throws(
      () => onDutyTargets(SNAPSHOT, 1, hanoi('2026-11-23T08:00'), 'Asia/Hanoi_Typo'),
      /Asia\/Hanoi_Typo/,
    );
  });
});

describe('RosterIndex', () => {
  const index = new RosterIndex(SNAPSHOT);

  for (const [why, unitId, local, expected] of cases) {
    it(`unit ${unitId} at ${local} Hanoi: ${why}`, () => {
      assert.deepEqual(summary(index.onDuty(unitId, hanoi(local), HANOI)), expected);
    });
  }

  it('agrees with onDutyTargets for every unit, every 15 minutes of a week and both override periods', () => {
    const unitIds = [...SNAPSHOT.units.map((unit) => unit.id), 999];
    const starts = ['2026-11-23T00:00', '2026-09-01T12:00', '2027-02-04T12:00'];
    const stepMs = 15 * 60 * 1000;
    let compared = 0;
    for (const start of starts) {
      const from = hanoi(start).getTime();
      for (let time = from; time < from + 7 * 24 * 60 * 60 * 1000; time += stepMs) {
        for (const unitId of unitIds) {
          for (const zone of [HANOI, 'Europe/Berlin']) {
            const at = new Date(time);
            assert.deepEqual(index.onDuty(unitId, at, zone), onDutyTargets(SNAPSHOT, unitId, at, zone));
            compared += 1;
          }
        }
      }
    }
    assert.equal(compared, 3 * 7 * 96 * unitIds.length * 2);
  });
});

describe('shiftCovers', () => {
  const shift = (weekday: number, start: number, end: number): WeeklyShift => ({
    contactId: 1,
    unitId: 1,
    weekday,
    startMinute: start,
    endMinute: end,
    priority: 1,
  });
  const cases: [what: string, shift: WeeklyShift, weekday: number, minute: number, covers: boolean][] = [
    ['start inclusive', shift(1, 480, 1020), 1, 480, true],
    ['end exclusive', shift(1, 480, 1020), 1, 1020, false],
    ['other day', shift(1, 480, 1020), 2, 600, false],
    ['until midnight', shift(1, 0, 1440), 1, 1439, true],
    ['until midnight, not the next day', shift(1, 0, 1440), 2, 0, false],
    ['crossing: evening', shift(1, 1320, 360), 1, 1320, true],
    ['crossing: before it starts', shift(1, 1320, 360), 1, 1319, false],
    ['crossing: next morning', shift(1, 1320, 360), 2, 359, true],
    ['crossing: next morning, ended', shift(1, 1320, 360), 2, 360, false],
    ['crossing: Sunday into Monday', shift(7, 1320, 360), 1, 0, true],
    ['crossing: not into Tuesday', shift(1, 1320, 360), 3, 0, false],
    ['start equal to end: a full 24 hours', shift(3, 480, 480), 3, 480, true],
    ['start equal to end: until the next day', shift(3, 480, 480), 4, 479, true],
    ['start equal to end: ended', shift(3, 480, 480), 4, 480, false],
  ];
  for (const [what, s, weekday, minute, covers] of cases) {
    it(`${what}: day ${weekday} minute ${minute} → ${covers}`, () => {
      assert.equal(shiftCovers(s, weekday, minute), covers);
    });
  }
});
