import assert from 'node:assert/strict';
import { dashboardSchema } from '../../server/api/dashboard/dashboard.schemas';
import { type ApiHarness, apiHarness, insertTickets, insertUnits, type SignedIn } from './api.fixture';

// Wednesday 18 November 2026, 10:00 in Hà Nội: ISO week 2026-W47 runs Mon 16 to Sun 22 local.
const NOW = new Date('2026-11-18T03:00:00Z');

describe('API dashboard', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;

  before(async () => {
    h = await apiHarness({ now: () => NOW });
    const units = await insertUnits(h.knex, [
      { code: '1', name: 'Phường Một' },
      { code: '2', name: 'Phường Hai' },
    ]);
    const [one, two] = [units.get('1') ?? null, units.get('2') ?? null];
    let n = 0;
    const t = (unitId: number | null, receivedAt: string, extra: object = {}) => ({
      code: `HL-2026-${String(++n).padStart(6, '0')}`,
      unitId,
      receivedAt: new Date(receivedAt),
      ...extra,
    });
    await insertTickets(h.knex, [
      t(one, '2026-11-15T16:30:00Z', { status: 'new' }), // Sunday 23:30 local: the week before, still open
      t(one, '2026-11-15T17:10:00Z', { waitSeconds: 10, rating: 1, status: 'closed' }), // Monday 00:10 local
      t(one, '2026-11-16T03:00:00Z', {
        waitSeconds: 20,
        rating: 3,
        status: 'in_progress',
        dueAt: new Date('2026-11-17T00:00:00Z'),
      }),
      t(one, '2026-11-16T04:00:00Z', { outcome: 'missed', waitSeconds: null, status: 'resolved' }),
      t(two, '2026-11-17T04:00:00Z', { waitSeconds: 40, rating: 2, status: 'closed' }),
      t(two, '2026-11-17T05:00:00Z', {
        outcome: 'voicemail',
        status: 'new',
        dueAt: new Date('2026-11-19T00:00:00Z'),
      }),
      t(two, '2026-11-17T06:00:00Z', { outcome: 'abandoned', status: 'closed' }),
      t(null, '2026-11-21T06:00:00Z', { outcome: 'invalid_input', status: 'closed' }),
      t(one, '2026-11-22T17:00:00Z', { status: 'closed' }), // Monday 00:00 local of the next week
    ]);
    await h.user('admin', 'admin');
    await h.user('official', 'ward_official', ['1']);
    [admin, official] = [await h.signIn('admin'), await h.signIn('official')];
  });
  after(async () => h?.test.drop());

  it("sums up the current week by default, days and weeks in the organisation's time zone", async () => {
    const res = await admin.agent.get('/api/v1/dashboard').expect(200);
    const body = dashboardSchema.parse(res.body);
    assert.deepEqual(body.period, {
      kind: 'week',
      label: '2026-W47',
      firstDay: '2026-11-16',
      lastDay: '2026-11-22',
    });
    assert.equal(body.asOf, NOW.toISOString(), 'open and overdue are counted now');
    assert.equal(body.from, '2026-11-15T17:00:00.000Z');
    assert.equal(body.to, '2026-11-22T17:00:00.000Z');
    assert.deepEqual(body.callsPerDay, [
      { date: '2026-11-16', total: 3, answered: 2, missed: 1 },
      { date: '2026-11-17', total: 3, answered: 1, missed: 0 },
      { date: '2026-11-18', total: 0, answered: 0, missed: 0 },
      // Days still to come have no figures yet, rather than zeros.
      { date: '2026-11-19', total: null, answered: null, missed: null },
      { date: '2026-11-20', total: null, answered: null, missed: null },
      { date: '2026-11-21', total: 1, answered: 0, missed: 0 },
      { date: '2026-11-22', total: null, answered: null, missed: null },
    ]);
    assert.deepEqual(
      body.units.map(({ id: _id, ...unit }) => unit),
      [
        {
          code: '1',
          name: 'Phường Một',
          calls: 3,
          answered: 2,
          missed: 1,
          voicemail: 0,
          abandoned: 0,
          medianAnswerSeconds: 15,
        },
        {
          code: '2',
          name: 'Phường Hai',
          calls: 3,
          answered: 1,
          missed: 0,
          voicemail: 1,
          abandoned: 1,
          medianAnswerSeconds: 40,
        },
        {
          code: null,
          name: null,
          calls: 1,
          answered: 0,
          missed: 0,
          voicemail: 0,
          abandoned: 0,
          medianAnswerSeconds: null,
        },
      ],
      'the last row: the call that reached no unit',
    );
    assert.equal(body.medianAnswerSeconds, 20);
    assert.equal(body.openTickets, 3);
    assert.equal(body.overdueTickets, 1);
    assert.deepEqual(body.ratings, { 1: 1, 2: 1, 3: 1 });
  });

  it("limits a ward official to their own units' figures", async () => {
    const res = await official.agent.get('/api/v1/dashboard?week=2026-W47').expect(200);
    assert.deepEqual(
      res.body.units.map((unit: { code: string }) => unit.code),
      ['1'],
    );
    assert.equal(res.body.callsPerDay[1].total, 0);
    assert.equal(res.body.openTickets, 2);
    assert.deepEqual(res.body.ratings, { 1: 1, 2: 0, 3: 1 });
  });

  it('reads another week when asked', async () => {
    const res = await admin.agent.get('/api/v1/dashboard?week=2026-W48').expect(200);
    assert.equal(res.body.callsPerDay[0].total, 1);
    assert.equal(res.body.medianAnswerSeconds, 10);
  });

  it('sums up a month, with one entry per day', async () => {
    const res = await admin.agent.get('/api/v1/dashboard?month=2026-11').expect(200);
    const body = dashboardSchema.parse(res.body);
    assert.deepEqual(body.period, {
      kind: 'month',
      label: '2026-11',
      firstDay: '2026-11-01',
      lastDay: '2026-11-30',
    });
    assert.equal(body.callsPerDay.length, 30);
    assert.equal(
      body.callsPerDay.reduce((sum, day) => sum + (day.total ?? 0), 0),
      9,
      'every call of the month',
    );
  });

  it('sums up any range of days, both ends included', async () => {
    const res = await admin.agent.get('/api/v1/dashboard?from=2026-11-15&to=2026-11-17').expect(200);
    const body = dashboardSchema.parse(res.body);
    assert.deepEqual(body.period, {
      kind: 'range',
      label: '2026-11-15..2026-11-17',
      firstDay: '2026-11-15',
      lastDay: '2026-11-17',
    });
    assert.deepEqual(
      body.callsPerDay.map((day) => [day.date, day.total]),
      [
        ['2026-11-15', 1],
        ['2026-11-16', 3],
        ['2026-11-17', 3],
      ],
    );
  });

  it("offers the figures' call-log filters: overdue now, and calls that reached no unit", async () => {
    const overdue = await admin.agent.get('/api/v1/tickets?overdue=true').expect(200);
    assert.equal(overdue.body.items.length, 1);
    assert.equal(overdue.body.items[0].status, 'in_progress');
    const unassigned = await admin.agent.get('/api/v1/tickets?unassigned=true').expect(200);
    assert.deepEqual(
      unassigned.body.items.map((t: { unit: unknown; outcome: string }) => [t.unit, t.outcome]),
      [[null, 'invalid_input']],
    );
  });

  for (const [query, path, code] of [
    ['week=2026-W47&month=2026-11', 'week', 'invalid'],
    ['from=2026-11-01', 'to', 'required'],
    ['from=2026-11-10&to=2026-11-01', 'to', 'ends-before-start'],
    ['from=2025-01-01&to=2026-11-01', 'to', 'too-big'],
    ['from=2026-02-30&to=2026-03-01', 'from', 'invalid-format'],
    ['month=2026-13', 'month', 'invalid-format'],
  ] as const) {
    it(`refuses ${query} with a 400 naming ${path} (${code})`, async () => {
      const res = await admin.agent.get(`/api/v1/dashboard?${query}`).expect(400);
      assert.deepEqual(
        res.body.error.details.issues.map((issue: { path: string; code: string }) => [
          issue.path,
          issue.code,
        ]),
        [[path, code]],
      );
    });
  }

  for (const week of ['2026-W60', '47', '2026-W1']) {
    it(`refuses week=${week} with a 400 naming week`, async () => {
      const res = await admin.agent.get(`/api/v1/dashboard?week=${week}`).expect(400);
      assert.deepEqual(
        res.body.error.details.issues.map((issue: { path: string }) => issue.path),
        ['week'],
      );
    });
  }
});
