import assert from 'node:assert/strict';
import pg from 'pg';
import { POSTGRES_SERVER_AVAILABLE } from '../support/database';
import { countRows } from '../support/tables';
import { type ApiHarness, apiHarness, type SignedIn } from './api.fixture';

// Monday 16 November 2026, 08:00 in Hà Nội.
const MONDAY_8AM = '2026-11-16T01:00:00Z';

describe('API rosters: weekly grid, overrides, on duty', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let ward: number;
  let other: number;
  let chair: number;
  let deputy: number;
  let districtDesk: number;
  let stranger: number;

  const send = (who: SignedIn, method: 'put' | 'post' | 'delete', path: string, body?: object) =>
    who.agent[method](`/api/v1${path}`).set('X-CSRF-Token', who.csrf).send(body);

  before(async () => {
    h = await apiHarness();
    await h.user('admin', 'admin');
    admin = await h.signIn('admin');
    const district = (await send(admin, 'post', '/units', { code: '0', name: 'Quận', kind: 'district' })).body
      .id;
    ward = (
      await send(admin, 'post', '/units', { code: '1', name: 'Phường Một', kind: 'ward', fallbackCode: '0' })
    ).body.id;
    other = (await send(admin, 'post', '/units', { code: '2', name: 'Phường Hai', kind: 'ward' })).body.id;
    const contact = async (unit: number, name: string, dial: string) =>
      (await send(admin, 'post', `/units/${unit}/contacts`, { name, dial })).body.id as number;
    chair = await contact(ward, 'Chủ tịch', '0912000001');
    deputy = await contact(ward, 'Phó chủ tịch', '0912000002');
    districtDesk = await contact(district, 'Trực quận', 'PJSIP/district');
    stranger = await contact(other, 'Người phường khác', '0912000003');
    await send(admin, 'put', `/units/${district}/shifts`, {
      shifts: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        contactId: districtDesk,
        weekday,
        start: '00:00',
        end: '24:00',
      })),
    }).expect(200);
    await h.user('official', 'ward_official', ['1']);
    official = await h.signIn('official');
  });
  after(async () => h?.test.drop());

  it('replaces the weekly grid and reads it back as HH:MM, telling the IVR', async () => {
    const changesBefore = h.rosterChanges;
    const res = await send(admin, 'put', `/units/${ward}/shifts`, {
      shifts: [
        { contactId: chair, weekday: 1, start: '07:30', end: '17:00' },
        { contactId: deputy, weekday: 1, start: '07:30', end: '17:00', priority: 2 },
        { contactId: deputy, weekday: 5, start: '22:00', end: '06:00' },
      ],
    }).expect(200);
    assert.deepEqual(
      res.body.map(
        (s: { contactId: number; weekday: number; start: string; end: string; priority: number }) => [
          s.contactId,
          s.weekday,
          s.start,
          s.end,
          s.priority,
        ],
      ),
      [
        [chair, 1, '07:30', '17:00', 1],
        [deputy, 1, '07:30', '17:00', 2],
        [deputy, 5, '22:00', '06:00', 1],
      ],
    );
    assert.deepEqual((await official.agent.get(`/api/v1/units/${ward}/shifts`).expect(200)).body, res.body);
    assert.equal(h.rosterChanges, changesBefore + 1);
    assert.equal(await countRows(h.knex, 'duty_shifts', { unit_id: ward }), 3);
  });

  it('answers who is on duty by the IVR rule: the grid, then the fallback unit', async () => {
    const res = await official.agent.get(`/api/v1/units/${ward}/on-duty?at=${MONDAY_8AM}`).expect(200);
    assert.deepEqual(
      res.body.map((t: { contactName: string; dial: string; isFallback: boolean }) => [
        t.contactName,
        t.dial,
        t.isFallback,
      ]),
      [
        ['Chủ tịch', '+84912000001', false],
        ['Phó chủ tịch', '+84912000002', false],
        ['Trực quận', 'PJSIP/district', true],
      ],
    );
    // The Friday 22:00–06:00 shift runs past midnight: Saturday 05:30 local (22:30Z Friday) is in it.
    const fridayNight = await admin.agent
      .get(`/api/v1/units/${ward}/on-duty?at=2026-11-20T22:30:00Z`)
      .expect(200);
    assert.deepEqual(
      fridayNight.body.map((t: { contactId: number }) => t.contactId),
      [deputy, districtDesk],
    );
  });

  it("masks the on-duty officials' phone numbers for a viewer, endpoints shown as they are", async () => {
    await h.user('viewer', 'viewer');
    const viewer = await h.signIn('viewer');
    const res = await viewer.agent.get(`/api/v1/units/${ward}/on-duty?at=${MONDAY_8AM}`).expect(200);
    assert.deepEqual(
      res.body.map((t: { dial: string }) => t.dial),
      ['+84***01', '+84***02', 'PJSIP/district'],
    );
  });

  it('adds and removes a dated override that replaces the grid while it lasts', async () => {
    const created = await send(admin, 'post', `/units/${ward}/overrides`, {
      contactId: deputy,
      startsAt: '2026-11-16T00:00:00Z',
      endsAt: '2026-11-16T10:00:00Z',
      reason: 'Chủ tịch đi họp',
    }).expect(201);
    assert.deepEqual(
      [created.body.contactId, created.body.priority, created.body.reason],
      [deputy, 1, 'Chủ tịch đi họp'],
    );
    const during = await admin.agent.get(`/api/v1/units/${ward}/on-duty?at=${MONDAY_8AM}`).expect(200);
    assert.deepEqual(
      during.body.map((t: { contactId: number }) => t.contactId),
      [deputy, districtDesk],
    );
    const listed = await official.agent
      .get(`/api/v1/units/${ward}/overrides?from=2026-11-16T05:00:00Z`)
      .expect(200);
    assert.deepEqual(
      listed.body.map((o: { id: number }) => o.id),
      [created.body.id],
    );
    const later = await official.agent
      .get(`/api/v1/units/${ward}/overrides?from=2026-11-17T00:00:00Z`)
      .expect(200);
    assert.deepEqual(later.body, []);
    await send(admin, 'delete', `/overrides/${created.body.id}`).expect(204);
    await send(admin, 'delete', `/overrides/${created.body.id}`).expect(404);
    const after = await admin.agent.get(`/api/v1/units/${ward}/on-duty?at=${MONDAY_8AM}`).expect(200);
    assert.deepEqual(
      after.body.map((t: { contactId: number }) => t.contactId),
      [chair, deputy, districtDesk],
    );
  });

  it('accepts an override of nobody, sending calls to the fallback', async () => {
    const res = await send(admin, 'post', `/units/${ward}/overrides`, {
      contactId: null,
      startsAt: '2026-12-31T17:00:00Z',
      endsAt: '2027-01-01T17:00:00Z',
      reason: 'Tết Dương lịch',
    }).expect(201);
    const onHoliday = await admin.agent
      .get(`/api/v1/units/${ward}/on-duty?at=2027-01-01T02:00:00Z`)
      .expect(200);
    assert.deepEqual(
      onHoliday.body.map((t: { isFallback: boolean }) => t.isFallback),
      [true],
    );
    await send(admin, 'delete', `/overrides/${res.body.id}`).expect(204);
  });

  const badShifts: Array<[object, string]> = [
    [{ contactId: 1, weekday: 8, start: '07:00', end: '08:00' }, 'shifts.0.weekday'],
    [{ contactId: 1, weekday: 1, start: '7h', end: '08:00' }, 'shifts.0.start'],
    [{ contactId: 1, weekday: 1, start: '07:00', end: '24:30' }, 'shifts.0.end'],
    [{ contactId: 1, weekday: 1, start: '07:00', end: '08:00', extra: true }, 'shifts.0'],
  ];
  for (const [shift, path] of badShifts) {
    it(`refuses a shift with a 400 naming ${path}`, async () => {
      const res = await send(admin, 'put', `/units/${ward}/shifts`, { shifts: [shift] }).expect(400);
      assert.deepEqual(
        res.body.error.details.issues.map((issue: { path: string }) => issue.path),
        [path],
      );
    });
  }

  it("refuses another unit's contact in the grid or an override, naming the field", async () => {
    const grid = await send(admin, 'put', `/units/${ward}/shifts`, {
      shifts: [
        { contactId: chair, weekday: 2, start: '08:00', end: '09:00' },
        { contactId: stranger, weekday: 2, start: '08:00', end: '09:00' },
      ],
    }).expect(400);
    assert.deepEqual(
      grid.body.error.details.issues.map((issue: { path: string }) => issue.path),
      ['shifts.1.contactId'],
    );
    const override = await send(admin, 'post', `/units/${ward}/overrides`, {
      contactId: stranger,
      startsAt: '2026-11-16T00:00:00Z',
      endsAt: '2026-11-16T10:00:00Z',
    }).expect(400);
    assert.equal(override.body.error.details.issues[0].path, 'contactId');
    const backwards = await send(admin, 'post', `/units/${ward}/overrides`, {
      contactId: chair,
      startsAt: '2026-11-16T10:00:00Z',
      endsAt: '2026-11-16T09:00:00Z',
    }).expect(400);
    assert.equal(backwards.body.error.details.issues[0].path, 'endsAt');
  });

  it('keeps a ward official to reading their own unit', async () => {
    await official.agent.get(`/api/v1/units/${other}/shifts`).expect(404);
    await official.agent.get(`/api/v1/units/${other}/overrides`).expect(404);
    await official.agent.get(`/api/v1/units/${other}/on-duty`).expect(404);
    const write = await send(official, 'put', `/units/${ward}/shifts`, { shifts: [] }).expect(403);
    assert.equal(write.body.error.code, 'forbidden');
    await send(official, 'post', `/units/${ward}/overrides`, {
      contactId: null,
      startsAt: '2026-11-16T00:00:00Z',
      endsAt: '2026-11-16T10:00:00Z',
    }).expect(403);
  });

  it('refuses roster writes without the CSRF token', async () => {
    const refused = [
      await admin.agent.put(`/api/v1/units/${ward}/shifts`).send({ shifts: [] }),
      await admin.agent.post(`/api/v1/units/${ward}/overrides`).send({}),
      await admin.agent.delete('/api/v1/overrides/1'),
    ];
    assert.deepEqual(
      refused.map((res) => [res.status, res.body.error.code]),
      refused.map(() => [403, 'csrf-failed']),
    );
  });

  if (POSTGRES_SERVER_AVAILABLE) {
    it('sends NOTIFY roster_changed so other instances reload', async () => {
      const listener = new pg.Client({ connectionString: h.test.url });
      await listener.connect();
      try {
        await listener.query('listen roster_changed');
        const heard = new Promise<string | undefined>((resolve) =>
          listener.once('notification', (n) => resolve(n.payload)),
        );
        await send(admin, 'put', `/units/${ward}/shifts`, { shifts: [] }).expect(200);
        assert.equal(await heard, `unit:${ward}`);
      } finally {
        await listener.end();
      }
    });
  }
});
