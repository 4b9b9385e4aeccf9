import assert from 'node:assert/strict';
import {
  type IsoWeek,
  isoWeekOf,
  localDateOf,
  localWeekdayAndMinute,
  monthOf,
  monthRange,
  parseIsoWeek,
  parseMonth,
  previousIsoWeek,
  previousMonth,
  weekRange,
  weeksInIsoYear,
} from '../../core/domain/calendar';

const HANOI = 'Asia/Ho_Chi_Minh';
const BERLIN = 'Europe/Berlin';
const UTC = 'UTC';
const at = (iso: string): Date => new Date(iso);
const week = (year: number, number: number): IsoWeek => ({
  year,
  week: number,
  label: `${year}-W${String(number).padStart(2, '0')}`,
});

describe('isoWeekOf', () => {
  const cases: [instant: string, zone: string, expected: IsoWeek][] = [
    ['2026-11-22T16:59:59Z', HANOI, week(2026, 47)],
    // Monday 00:30 in Hanoi while still Sunday in UTC
    ['2026-11-22T17:30:00Z', HANOI, week(2026, 48)],
    ['2026-11-22T17:30:00Z', UTC, week(2026, 47)],
    ['2026-12-31T12:00:00Z', HANOI, week(2026, 53)],
    ['2027-01-01T03:00:00Z', HANOI, week(2026, 53)],
    ['2027-01-03T16:59:59Z', HANOI, week(2026, 53)],
    ['2027-01-03T17:00:00Z', HANOI, week(2027, 1)],
    ['2027-01-03T17:00:00Z', UTC, week(2026, 53)],
    ['2026-01-01T00:00:00Z', HANOI, week(2026, 1)],
    ['2025-12-29T00:00:00Z', HANOI, week(2026, 1)],
    ['2021-01-03T12:00:00Z', HANOI, week(2020, 53)],
    // Berlin is UTC+1 in winter: 23:30Z on Sunday is already Monday there
    ['2026-01-04T23:30:00Z', BERLIN, week(2026, 2)],
    ['2026-01-04T23:30:00Z', UTC, week(2026, 1)],
  ];
  for (const [instant, zone, expected] of cases) {
    it(`${instant} in ${zone} → ${expected.label}`, () =>
      assert.deepEqual(isoWeekOf(at(instant), zone), expected));
  }

  it('throws on an unknown time zone, naming it', () => {
    assert.throws(() => isoWeekOf(at('2026-01-01T00:00:00Z'), 'Asia/Hanoi_Typo'), /"Asia\/Hanoi_Typo"/);
  });
});

describe('weeksInIsoYear', () => {
  const cases: [number, number][] = [
    [2020, 53],
    [2021, 52],
    [2025, 52],
    [2026, 53],
    [2027, 52],
    [2032, 53],
  ];
  for (const [year, weeks] of cases) {
    it(`${year} has ${weeks} weeks`, () => assert.equal(weeksInIsoYear(year), weeks));
  }
});

describe('parseIsoWeek', () => {
  const cases: [label: string, expected: IsoWeek | null][] = [
    ['2026-W47', week(2026, 47)],
    ['2026-W01', week(2026, 1)],
    ['2026-W53', week(2026, 53)],
    ['2020-W53', week(2020, 53)],
    ['2027-W53', null],
    ['2025-W53', null],
    ['2026-W00', null],
    ['2026-W54', null],
    ['2026-W7', null],
    ['2026-w47', null],
    ['2026W47', null],
    ['26-W47', null],
    ['2026-W47-1', null],
    [' 2026-W47', null],
    ['', null],
  ];
  for (const [label, expected] of cases) {
    it(`${JSON.stringify(label)} → ${expected?.label ?? 'null'}`, () =>
      assert.deepEqual(parseIsoWeek(label), expected));
  }
});

describe('weekRange', () => {
  const cases: [week: IsoWeek, zone: string, start: string, end: string][] = [
    [week(2026, 48), HANOI, '2026-11-22T17:00:00.000Z', '2026-11-29T17:00:00.000Z'],
    [week(2026, 53), HANOI, '2026-12-27T17:00:00.000Z', '2027-01-03T17:00:00.000Z'],
    [week(2026, 1), HANOI, '2025-12-28T17:00:00.000Z', '2026-01-04T17:00:00.000Z'],
    [week(2026, 48), UTC, '2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
    // the week summer time starts: 167 hours long
    [week(2026, 13), BERLIN, '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
    // the week summer time ends: 169 hours long
    [week(2026, 43), BERLIN, '2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z'],
  ];
  for (const [isoWeek, zone, start, end] of cases) {
    it(`${isoWeek.label} in ${zone} is [${start}, ${end})`, () => {
      const range = weekRange(isoWeek, zone);
      assert.equal(range.start.toISOString(), start);
      assert.equal(range.end.toISOString(), end);
    });
  }

  it('contains exactly the instants isoWeekOf puts in the week', () => {
    const range = weekRange(week(2026, 48), HANOI);
    assert.equal(isoWeekOf(range.start, HANOI).label, '2026-W48');
    assert.equal(isoWeekOf(new Date(range.end.getTime() - 1), HANOI).label, '2026-W48');
    assert.equal(isoWeekOf(range.end, HANOI).label, '2026-W49');
  });

  it('throws on an unknown time zone', () => {
    assert.throws(() => weekRange(week(2026, 1), 'Mars/Olympus'), /"Mars\/Olympus"/);
  });
});

describe('previousIsoWeek', () => {
  const cases: [instant: string, zone: string, expected: IsoWeek][] = [
    ['2026-11-25T03:00:00Z', HANOI, week(2026, 47)],
    ['2026-11-22T17:30:00Z', HANOI, week(2026, 47)],
    ['2026-11-22T17:30:00Z', UTC, week(2026, 46)],
    ['2027-01-05T03:00:00Z', HANOI, week(2026, 53)],
    ['2026-01-01T03:00:00Z', HANOI, week(2025, 52)],
  ];
  for (const [instant, zone, expected] of cases) {
    it(`before ${instant} in ${zone} → ${expected.label}`, () =>
      assert.deepEqual(previousIsoWeek(at(instant), zone), expected));
  }
});

describe('months', () => {
  const parses: [label: string, expected: { year: number; month: number; label: string } | null][] = [
    ['2026-11', { year: 2026, month: 11, label: '2026-11' }],
    ['2026-01', { year: 2026, month: 1, label: '2026-01' }],
    ['2026-12', { year: 2026, month: 12, label: '2026-12' }],
    ['2026-00', null],
    ['2026-13', null],
    ['2026-1', null],
    ['2026/11', null],
    ['202611', null],
    ['2026-11-01', null],
    ['', null],
  ];
  for (const [label, expected] of parses) {
    it(`parseMonth(${JSON.stringify(label)}) → ${expected?.label ?? 'null'}`, () =>
      assert.deepEqual(parseMonth(label), expected));
  }

  const ranges: [year: number, month: number, zone: string, start: string, end: string][] = [
    [2026, 11, HANOI, '2026-10-31T17:00:00.000Z', '2026-11-30T17:00:00.000Z'],
    [2026, 12, HANOI, '2026-11-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z'],
    [2026, 2, UTC, '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    [2026, 3, BERLIN, '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z'],
  ];
  for (const [year, month, zone, start, end] of ranges) {
    it(`monthRange(${year}-${month}) in ${zone} is [${start}, ${end})`, () => {
      const range = monthRange({ year, month }, zone);
      assert.equal(range.start.toISOString(), start);
      assert.equal(range.end.toISOString(), end);
    });
  }

  const previous: [instant: string, zone: string, label: string][] = [
    ['2026-01-15T03:00:00Z', HANOI, '2025-12'],
    ['2026-03-31T12:00:00Z', HANOI, '2026-02'],
    // 1 April 01:00 in Hanoi, still 31 March in UTC
    ['2026-03-31T18:00:00Z', HANOI, '2026-03'],
    ['2026-03-31T18:00:00Z', UTC, '2026-02'],
  ];
  for (const [instant, zone, label] of previous) {
    it(`previousMonth(${instant}) in ${zone} → ${label}`, () => {
      assert.equal(previousMonth(at(instant), zone).label, label);
    });
  }

  it('monthOf uses the local calendar', () => {
    assert.deepEqual(monthOf(at('2026-03-31T18:00:00Z'), HANOI), { year: 2026, month: 4, label: '2026-04' });
    assert.deepEqual(monthOf(at('2026-03-31T18:00:00Z'), UTC), { year: 2026, month: 3, label: '2026-03' });
  });
});

describe('local date, weekday and minute', () => {
  const cases: [instant: string, zone: string, date: string, weekday: number, minute: number][] = [
    ['2026-11-22T17:30:00Z', HANOI, '2026-11-23', 1, 30],
    ['2026-11-22T17:30:00Z', UTC, '2026-11-22', 7, 1050],
    ['2026-11-22T16:59:00Z', HANOI, '2026-11-22', 7, 1439],
    ['2026-11-23T00:00:00Z', HANOI, '2026-11-23', 1, 420],
    // Berlin on the night summer time starts: 02:00 CET jumps to 03:00 CEST
    ['2026-03-29T00:30:00Z', BERLIN, '2026-03-29', 7, 90],
    ['2026-03-29T01:30:00Z', BERLIN, '2026-03-29', 7, 210],
    ['2026-07-01T22:30:00Z', BERLIN, '2026-07-02', 4, 30],
  ];
  for (const [instant, zone, date, weekday, minute] of cases) {
    it(`${instant} in ${zone} is ${date}, weekday ${weekday}, minute ${minute}`, () => {
      assert.equal(localDateOf(at(instant), zone), date);
      assert.deepEqual(localWeekdayAndMinute(at(instant), zone), { weekday, minute });
    });
  }
});
