import assert from 'node:assert/strict';
import { monthRange, weekRange, wholeMonthsOf } from '../../core/domain/calendar';
import { type RatingCountRow, ratingsTable } from '../../core/tickets/ratings-table';

const TZ = 'Asia/Ho_Chi_Minh';

describe('ratings per unit and desk (the dashboard and the monthly report)', () => {
  const units = [
    { id: 1, code: '1', name: 'Phường Một' },
    { id: 2, code: '2', name: 'Phường Hai' },
    { id: 3, code: '3', name: 'Phường Ba' },
  ];
  const desks = [
    { id: 10, unitId: 1, name: 'Quầy 1', active: true },
    { id: 11, unitId: 1, name: 'Quầy 2', active: true },
    { id: 12, unitId: 1, name: 'Quầy cũ', active: false },
  ];
  const row = (
    unitId: number,
    deskId: number | null,
    channel: RatingCountRow['channel'],
    rating: 1 | 2 | 3,
    count: number,
  ) => ({
    unitId,
    deskId,
    channel,
    rating,
    count,
  });
  const counts = [
    row(1, null, 'phone', 1, 2),
    row(1, null, 'phone', 3, 1),
    row(1, null, 'web-rating', 2, 1),
    row(1, 10, 'web-rating', 1, 3),
    row(1, 10, 'web-rating', 3, 1),
    row(1, 11, 'web-rating', 2, 1),
    row(2, null, 'phone', 2, 4),
  ];

  it('counts each channel apart, each desk, and the whole unit; leaves out units with neither desks nor ratings', () => {
    const table = ratingsTable({ units, desks, counts, visitors: [], visitorMonths: null });
    assert.deepEqual(
      table.units.map((u) => u.code),
      ['1', '2'],
    );
    const [one] = table.units;
    assert.ok(one);
    assert.deepEqual(
      [
        one.bySource.phone.total,
        one.bySource['unit-qr'].total,
        one.bySource['desk-qr'].total,
        one.total.total,
      ],
      [3, 1, 5, 9],
    );
    assert.deepEqual(
      one.desks.map((d) => [d.name, d.verySatisfied, d.satisfied, d.notSatisfied, d.satisfiedShare]),
      [
        ['Quầy 1', 3, 0, 1, 0.75],
        ['Quầy 2', 0, 1, 0, 1],
      ],
      'an inactive desk nobody rated is left out',
    );
    assert.equal(one.total.satisfiedShare, 7 / 9);
    assert.deepEqual([one.total.visitors, one.total.ratedShare, one.total.meetsTarget], [null, null, null]);
  });

  it("takes visitor counts of the period's whole months, a desk's only when it recorded every month", () => {
    const visitors = [
      { deskId: 10, month: '2026-10', visitors: 5 },
      { deskId: 10, month: '2026-11', visitors: 5 },
      { deskId: 11, month: '2026-11', visitors: 20 },
    ];
    const november = ratingsTable({ units, desks, counts, visitors, visitorMonths: ['2026-11'] });
    const one = november.units[0];
    assert.deepEqual(
      one?.desks.map((d) => [d.visitors, d.ratedShare, d.meetsTarget]),
      [
        [5, 0.8, true],
        [20, 0.05, false],
      ],
    );
    // The unit: ratings at the desks that counted (5) over their visitors (25).
    assert.deepEqual([one?.total.visitors, one?.total.ratedShare, one?.total.meetsTarget], [25, 0.2, false]);
    const twoMonths = ratingsTable({ units, desks, counts, visitors, visitorMonths: ['2026-10', '2026-11'] });
    assert.deepEqual(
      twoMonths.units[0]?.desks.map((d) => d.visitors),
      [10, null],
      'Quầy 2 recorded no count for October',
    );
  });

  for (const [name, range, months] of [
    ['a month', monthRange({ year: 2026, month: 11 }, TZ), ['2026-11']],
    ['a week', weekRange({ year: 2026, week: 47 }, TZ), null],
    [
      'two whole months',
      {
        start: monthRange({ year: 2026, month: 10 }, TZ).start,
        end: monthRange({ year: 2026, month: 11 }, TZ).end,
      },
      ['2026-10', '2026-11'],
    ],
    [
      'a month and a day',
      { start: monthRange({ year: 2026, month: 11 }, TZ).start, end: new Date('2026-12-01T17:00:00Z') },
      null,
    ],
  ] as const) {
    it(`${name} takes the visitor counts of ${JSON.stringify(months)}`, () => {
      assert.deepEqual(wholeMonthsOf(range, TZ), months);
    });
  }
});
