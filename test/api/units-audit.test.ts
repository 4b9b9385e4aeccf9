import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { type ApiHarness, apiHarness, type SignedIn } from './api.fixture';

/** Makes every insert into audit_log fail, as a full disk or a broken constraint would, until undone. */
async function refuseAuditRows(knex: Knex): Promise<() => Promise<void>> {
  await knex.raw(`
    create function refuse_audit_row() returns trigger language plpgsql as $$
    begin raise exception 'audit_log refuses rows in this test'; end $$`);
  await knex.raw(
    'create trigger refuse_audit_row before insert on audit_log for each row execute function refuse_audit_row()',
  );
  return async () => {
    await knex.raw('drop trigger refuse_audit_row on audit_log');
    await knex.raw('drop function refuse_audit_row()');
  };
}

/** Everything the units, contacts and rosters API can change, as it stands. */
async function unitsAndRosters(knex: Knex) {
  return {
    units: await knex('units').orderBy('id').select('id', 'code', 'name', 'active'),
    contacts: await knex('contacts').orderBy('id').select('id', 'unit_id', 'name', 'dial'),
    shifts: await knex('duty_shifts').orderBy('id').select('id', 'contact_id', 'weekday'),
    overrides: await knex('duty_overrides').orderBy('id').select('id', 'contact_id', 'reason'),
    auditRows: Number((await knex('audit_log').count({ n: '*' }).first())?.n),
  };
}

describe('API units, contacts and rosters: a change and its audit row commit together', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let ward: number;
  let chair: number;
  let override: number;

  const send = (method: 'post' | 'put' | 'patch' | 'delete', path: string, body?: object) =>
    admin.agent[method](`/api/v1${path}`).set('X-CSRF-Token', admin.csrf).send(body);

  before(async () => {
    h = await apiHarness();
    await h.user('admin', 'admin');
    admin = await h.signIn('admin');
    ward = (await send('post', '/units', { code: '1', name: 'Phường Một', kind: 'ward' }).expect(201)).body
      .id;
    chair = (
      await send('post', `/units/${ward}/contacts`, { name: 'Chủ tịch', dial: '0912000001' }).expect(201)
    ).body.id;
    await send('put', `/units/${ward}/shifts`, {
      shifts: [{ contactId: chair, weekday: 1, start: '07:30', end: '17:00' }],
    }).expect(200);
    override = (
      await send('post', `/units/${ward}/overrides`, {
        contactId: chair,
        startsAt: '2026-11-16T00:00:00Z',
        endsAt: '2026-11-16T10:00:00Z',
        reason: 'Họp',
      }).expect(201)
    ).body.id;
  });
  after(async () => h?.test.drop());

  const changes: Array<[string, () => ReturnType<typeof send>]> = [
    ['creating a unit', () => send('post', '/units', { code: '2', name: 'Phường Hai', kind: 'ward' })],
    ['changing a unit', () => send('patch', `/units/${ward}`, { name: 'Phường Một (mới)', active: false })],
    [
      'creating a contact',
      () => send('post', `/units/${ward}/contacts`, { name: 'Phó', dial: '0912000002' }),
    ],
    ['changing a contact', () => send('patch', `/contacts/${chair}`, { dial: '0912000009' })],
    ['deleting a contact', () => send('delete', `/contacts/${chair}`)],
    ['replacing the weekly grid', () => send('put', `/units/${ward}/shifts`, { shifts: [] })],
    [
      'creating an override',
      () =>
        send('post', `/units/${ward}/overrides`, {
          contactId: null,
          startsAt: '2026-11-17T00:00:00Z',
          endsAt: '2026-11-17T10:00:00Z',
        }),
    ],
    ['deleting an override', () => send('delete', `/overrides/${override}`)],
  ];

  for (const [what, change] of changes) {
    it(`rolls back ${what} when its audit row cannot be written`, async () => {
      const before = await unitsAndRosters(h.knex);
      const rosterChangesBefore = h.rosterChanges;
      const allowAuditRows = await refuseAuditRows(h.knex);
      try {
        await change().expect(500);
      } finally {
        await allowAuditRows();
      }
      assert.deepEqual(await unitsAndRosters(h.knex), before, 'nothing changed');
      assert.equal(
        h.rosterChanges,
        rosterChangesBefore,
        'the IVR was not told of a change that did not happen',
      );
    });
  }

  it('writes the change and its audit row when the audit table takes rows', async () => {
    const before = await unitsAndRosters(h.knex);
    await send('patch', `/units/${ward}`, { name: 'Phường Một (đổi tên)' }).expect(200);
    const after = await unitsAndRosters(h.knex);
    assert.equal(after.units.find((unit) => unit.id === ward)?.name, 'Phường Một (đổi tên)');
    assert.equal(after.auditRows, before.auditRows + 1);
  });
});
