import assert from 'node:assert/strict';
import { type Dashboard, dashboardSchema } from '../../server/api/dashboard/dashboard.schemas';
import { type ApiHarness, apiHarness, insertUnits, type SignedIn } from './api.fixture';

// Wednesday 18 November 2026 in Hà Nội: the default week is 2026-W47 (16–22 Nov).
const NOW = new Date('2026-11-18T03:00:00Z');

type UnitRatings = Dashboard['ratingsByUnit']['units'][number];

describe('API dashboard: ratings per unit and desk, and the share of visitors who rated', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let viewer: SignedIn;
  let desk1: number;

  before(async () => {
    h = await apiHarness({ now: () => NOW });
    const units = await insertUnits(h.knex, [
      { code: '1', name: 'Phường Phúc Diễn' },
      { code: '2', name: 'Phường Xuân Đỉnh' },
      { code: '3', name: 'Phường Cổ Nhuế 1' },
    ]);
    const [one, two] = [units.get('1') ?? 0, units.get('2') ?? 0];
    [{ id: desk1 }] = await h.knex('desks').insert({ unit_id: one, name: 'Quầy 1' }).returning('id');
    const [{ id: desk2 }] = await h.knex('desks').insert({ unit_id: one, name: 'Quầy 2' }).returning('id');
    let n = 0;
    const ticket = (unitId: number, at: string, rating: number, extra: object = {}) => ({
      code: `HL-2026-${String(++n).padStart(6, '0')}`,
      unit_id: unitId,
      received_at: new Date(at),
      rating,
      status: 'closed',
      caller_number: null,
      ...extra,
    });
    const phone = { channel: 'phone', outcome: 'answered', wait_seconds: 10 };
    const qr = (deskId: number | null) => ({ channel: 'web-rating', desk_id: deskId });
    await h.knex('tickets').insert([
      // Week 47
      ticket(one, '2026-11-16T03:00:00Z', 1, phone),
      ticket(one, '2026-11-16T04:00:00Z', 3, phone),
      ticket(one, '2026-11-17T03:00:00Z', 1, qr(desk1)),
      ticket(one, '2026-11-17T04:00:00Z', 1, qr(desk1)),
      ticket(one, '2026-11-17T05:00:00Z', 3, qr(desk1)),
      ticket(one, '2026-11-17T06:00:00Z', 2, qr(null)),
      ticket(two, '2026-11-17T07:00:00Z', 2, phone),
      // Spam counts nowhere.
      ticket(one, '2026-11-17T08:00:00Z', 3, {
        ...qr(desk1),
        spam_marked_at: new Date('2026-11-17T09:00:00Z'),
      }),
      // Earlier in November: in the month, not in the week.
      ticket(one, '2026-11-03T03:00:00Z', 2, qr(desk2)),
      // October: in neither.
      ticket(one, '2026-10-20T03:00:00Z', 1, qr(desk1)),
    ]);
    ({ admin, official, viewer } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  const ratingsOf = async (who: SignedIn, query: string): Promise<Dashboard['ratingsByUnit']> => {
    const res = await who.agent.get(`/api/v1/dashboard${query}`).expect(200);
    return dashboardSchema.parse(res.body).ratingsByUnit;
  };
  const unit = (ratings: Dashboard['ratingsByUnit'], code: string): UnitRatings => {
    const found = ratings.units.find((u) => u.code === code);
    assert.ok(found, `unit ${code} is in the ratings`);
    return found;
  };

  it('counts the week per channel and desk, spam left out; a week has no visitor share', async () => {
    const ratings = await ratingsOf(admin, '?week=2026-W47');
    assert.equal(ratings.target, 0.3);
    assert.equal(ratings.visitorMonths, null);
    assert.deepEqual(
      ratings.units.map((u) => u.code),
      ['1', '2'],
      'unit 3 has neither desks nor ratings',
    );
    const one = unit(ratings, '1');
    assert.deepEqual(
      (['phone', 'unit-qr', 'desk-qr'] as const).map((source) => {
        const f = one.bySource[source];
        return [source, f.verySatisfied, f.satisfied, f.notSatisfied];
      }),
      [
        ['phone', 1, 0, 1],
        ['unit-qr', 0, 1, 0],
        ['desk-qr', 2, 0, 1],
      ],
    );
    assert.deepEqual(
      one.desks.map((d) => [d.name, d.total, d.satisfiedShare, d.visitors, d.ratedShare]),
      [
        ['Quầy 1', 3, 2 / 3, null, null],
        ['Quầy 2', 0, null, null, null],
      ],
    );
    assert.deepEqual([one.total.total, one.total.satisfiedShare], [6, 4 / 6]);
  });

  it("without a visitor count a desk's share is null, not 0 %", async () => {
    const one = unit(await ratingsOf(admin, '?month=2026-11'), '1');
    assert.deepEqual(
      one.desks.map((d) => [d.total, d.visitors, d.ratedShare, d.meetsTarget]),
      [
        [3, null, null, null],
        [1, null, null, null],
      ],
    );
    assert.equal(one.total.ratedShare, null);
  });

  it("takes a month's visitor counts: each desk's share against 30 %, the unit's over the desks that counted", async () => {
    await official.agent
      .put(`/api/v1/desks/${desk1}/visitors`)
      .set('X-CSRF-Token', official.csrf)
      .send({ month: '2026-11', visitors: 8 })
      .expect(200);
    const ratings = await ratingsOf(admin, '?month=2026-11');
    assert.deepEqual(ratings.visitorMonths, ['2026-11']);
    const one = unit(ratings, '1');
    assert.deepEqual(
      one.desks.map((d) => [d.name, d.visitors, d.ratedShare, d.meetsTarget]),
      [
        ['Quầy 1', 8, 3 / 8, true],
        ['Quầy 2', null, null, null],
      ],
    );
    assert.deepEqual([one.total.visitors, one.total.ratedShare, one.total.meetsTarget], [8, 3 / 8, true]);
    const range = unit(await ratingsOf(admin, '?from=2026-11-01&to=2026-11-30'), '1');
    assert.equal(range.desks[0]?.visitors, 8, 'a range of whole months takes their counts');
    const part = unit(await ratingsOf(admin, '?from=2026-11-01&to=2026-11-20'), '1');
    assert.equal(part.desks[0]?.visitors, null, 'a part of a month has no count to compare with');
  });

  it('shows a ward official only their units; a viewer every unit', async () => {
    const mine = await ratingsOf(official, '?month=2026-11');
    assert.deepEqual(
      mine.units.map((u) => u.code),
      ['1'],
    );
    const all = await ratingsOf(viewer, '?month=2026-11');
    assert.deepEqual(
      all.units.map((u) => u.code),
      ['1', '2'],
    );
  });

  it("lists each figure's tickets through the call log's desk, channel and rating filters", async () => {
    const codes = async (query: string) =>
      (await admin.agent.get(`/api/v1/tickets?${query}`).expect(200)).body.items.length;
    const week = 'from=2026-11-15T17:00:00.000Z&to=2026-11-22T17:00:00.000Z';
    assert.equal(await codes(`${week}&unit=1&channel=web-rating&desk=${desk1}&rating=1&spam=false`), 2);
    assert.equal(await codes(`${week}&unit=1&channel=web-rating&desk=${desk1}&rating=3&spam=false`), 1);
    assert.equal(await codes(`${week}&unit=1&channel=web-rating&desk=none&spam=false`), 1);
    assert.equal(await codes(`${week}&unit=1&channel=phone&rating=1,2,3`), 2);
    const bad = await admin.agent.get('/api/v1/tickets?desk=first').expect(400);
    assert.equal(bad.body.error.details.issues[0].path, 'desk');
  });
});
