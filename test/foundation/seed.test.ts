import assert from 'node:assert/strict';
import type { Database } from '../../core/db/database';
import sampleFile from '../../core/seed/bac-tu-liem.json';
import { parseOrganisation, sampleOrganisation } from '../../core/seed/organisation.load';
import { seedOrganisation } from '../../core/seed/organisation.seed';
import {
  AVAILABLE_DATABASE_KINDS,
  createTestDatabase,
  openTestDatabase,
  type TestDatabase,
} from '../support/database';
import { countRows, snapshotTables } from '../support/tables';

const SAMPLE_CONTACTS = sampleFile.units.reduce((sum, unit) => sum + unit.contacts.length, 0);

for (const kind of AVAILABLE_DATABASE_KINDS) {
  describe(`the sample organisation on ${kind}`, () => {
    let test: TestDatabase;
    let db: Database;

    before(async () => {
      test = await openTestDatabase(kind);
      db = test.db;
    });
    after(async () => test?.drop());

    it('loads 31 units, their contacts, a 24/7 plan and the settings', async () => {
      const summary = await seedOrganisation(db.knex, sampleOrganisation());
      assert.deepEqual(summary, {
        unitsCreated: 31,
        unitsUpdated: 0,
        contactsCreated: SAMPLE_CONTACTS,
        contactsUpdated: 0,
        unitsWithNewDutyPlan: 31,
        settingsChanged: 4,
      });
      const byKind = await db
        .knex('units')
        .select('kind')
        .count({ count: '*' })
        .groupBy('kind')
        .orderBy('kind');
      assert.deepEqual(byKind, [
        { kind: 'department', count: 17 },
        { kind: 'district', count: 1 },
        { kind: 'ward', count: 13 },
      ]);
      assert.deepEqual(await db.knex('units').where({ kind: 'district' }).pluck('code'), ['0']);
      assert.equal(await countRows(db.knex, 'contacts'), SAMPLE_CONTACTS);
      assert.equal(await countRows(db.knex, 'duty_shifts'), SAMPLE_CONTACTS * 7);
    });

    it('sends every ward and department to the district office', async () => {
      const district = await db.knex('units').where({ code: '0' }).first('id', 'fallback_unit_id');
      assert.equal(district.fallback_unit_id, null);
      const others = await db.knex('units').whereNot({ code: '0' }).distinct('fallback_unit_id');
      assert.deepEqual(others, [{ fallback_unit_id: district.id }]);
    });

    it("stores each unit's contacts as the file lists them, normalised", async () => {
      for (const unit of sampleFile.units) {
        const rows = await db
          .knex('contacts')
          .join('units', 'units.id', 'contacts.unit_id')
          .where('units.code', unit.code)
          .orderBy('contacts.id')
          .select('contacts.name', 'contacts.dial', 'contacts.confirm_answer', 'contacts.active');
        assert.deepEqual(
          rows,
          unit.contacts.map((contact) => ({
            name: contact.name,
            dial: contact.dial,
            confirm_answer: true,
            active: true,
          })),
          `unit ${unit.code}`,
        );
      }
    });

    it('puts every contact on duty all day, every day, in the order listed', async () => {
      const shifts = await db
        .knex('duty_shifts')
        .join('contacts', 'contacts.id', 'duty_shifts.contact_id')
        .select('contacts.dial', 'weekday', 'start_minute', 'end_minute', 'priority')
        .orderBy(['contacts.dial', 'weekday']);
      const expected = sampleFile.units
        .flatMap((unit) =>
          unit.contacts.flatMap((contact, index) =>
            [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
              dial: contact.dial,
              weekday,
              start_minute: 0,
              end_minute: 1440,
              priority: index + 1,
            })),
          ),
        )
        .sort((a, b) => (a.dial === b.dial ? a.weekday - b.weekday : a.dial < b.dial ? -1 : 1));
      assert.deepEqual(shifts, expected);
    });

    it('keeps the hotline, time zone, admin e-mail and confidential complaint key as settings', async () => {
      const settings = await db
        .knex('settings')
        .whereNot({ key: 'installed_at' })
        .orderBy('key')
        .select('key', 'value');
      assert.deepEqual(settings, [
        { key: 'admin_email', value: sampleFile.admin_email },
        { key: 'confidential_code', value: '99' },
        { key: 'hotline', value: sampleFile.hotline },
        { key: 'timezone', value: 'Asia/Ho_Chi_Minh' },
      ]);
    });

    it('changes nothing when loaded a second time, not even updated_at', async () => {
      const before = await snapshotTables(db.knex);
      const summary = await seedOrganisation(db.knex, sampleOrganisation());
      assert.deepEqual(summary, {
        unitsCreated: 0,
        unitsUpdated: 0,
        contactsCreated: 0,
        contactsUpdated: 0,
        unitsWithNewDutyPlan: 0,
        settingsChanged: 0,
      });
      assert.deepEqual(await snapshotTables(db.knex), before);
    });
  });
}

describe('duty plans from the organisation file', () => {
  let test: Awaited<ReturnType<typeof createTestDatabase>>;

  before(async () => {
    test = await createTestDatabase();
  });
  after(async () => test?.drop());

  /** A one-unit organisation with two contacts; `duty` as the file would write it. */
  function unitFile(code: string, duty?: unknown[]) {
    return parseOrganisation('test', {
      units: [
        {
          code,
          kind: 'ward',
          name: `Ward ${code}`,
          contacts: [
            { name: 'Day officer', dial: '0901234567' },
            { name: 'Night desk', dial: 'PJSIP/ward-desk' },
          ],
          ...(duty ? { duty } : {}),
        },
      ],
    });
  }

  async function plan(code: string) {
    return test.db
      .knex('duty_shifts')
      .join('units', 'units.id', 'duty_shifts.unit_id')
      .join('contacts', 'contacts.id', 'duty_shifts.contact_id')
      .where('units.code', code)
      .select('contacts.dial', 'weekday', 'start_minute', 'end_minute', 'priority')
      .orderBy(['weekday', 'start_minute', 'contacts.dial']);
  }

  it('stores a desk endpoint without answer confirmation and a mobile with it', async () => {
    await seedOrganisation(test.db.knex, unitFile('401'));
    const contacts = await test.db
      .knex('contacts')
      .join('units', 'units.id', 'contacts.unit_id')
      .where('units.code', '401')
      .orderBy('contacts.id')
      .select('dial', 'confirm_answer');
    assert.deepEqual(contacts, [
      { dial: '+84901234567', confirm_answer: true },
      { dial: 'PJSIP/ward-desk', confirm_answer: false },
    ]);
  });

  it('replaces the plan with an explicit duty list, including a shift past midnight', async () => {
    await seedOrganisation(test.db.knex, unitFile('402'));
    assert.equal((await plan('402')).length, 14);

    const duty = [
      { contact: '090 123 4567', weekdays: [1, 2], from: '08:00', to: '17:00' },
      { contact: 'PJSIP/ward-desk', weekdays: [1], from: '22:00', to: '06:00', priority: 2 },
      { contact: 'PJSIP/ward-desk', weekdays: [2], from: '17:00', to: '24:00' },
    ];
    const summary = await seedOrganisation(test.db.knex, unitFile('402', duty));
    assert.equal(summary.unitsWithNewDutyPlan, 1);
    assert.deepEqual(await plan('402'), [
      { dial: '+84901234567', weekday: 1, start_minute: 480, end_minute: 1020, priority: 1 },
      { dial: 'PJSIP/ward-desk', weekday: 1, start_minute: 1320, end_minute: 360, priority: 2 },
      { dial: '+84901234567', weekday: 2, start_minute: 480, end_minute: 1020, priority: 1 },
      { dial: 'PJSIP/ward-desk', weekday: 2, start_minute: 1020, end_minute: 1440, priority: 1 },
    ]);

    const before = await snapshotTables(test.db.knex);
    assert.equal((await seedOrganisation(test.db.knex, unitFile('402', duty))).unitsWithNewDutyPlan, 0);
    assert.deepEqual(await snapshotTables(test.db.knex), before);
  });

  it('leaves an edited plan alone when the file has no duty list', async () => {
    await seedOrganisation(test.db.knex, unitFile('403'));
    const unit = await test.db.knex('units').where({ code: '403' }).first('id');
    // What the admin app would do: one contact on weekday mornings only.
    await test.db.knex('duty_shifts').where({ unit_id: unit.id }).delete();
    const contact = await test.db
      .knex('contacts')
      .where({ unit_id: unit.id, dial: '+84901234567' })
      .first('id');
    await test.db.knex('duty_shifts').insert(
      [1, 2, 3, 4, 5].map((weekday) => ({
        unit_id: unit.id,
        contact_id: contact.id,
        weekday,
        start_minute: 420,
        end_minute: 690,
      })),
    );
    const before = await snapshotTables(test.db.knex);

    const summary = await seedOrganisation(test.db.knex, unitFile('403'));
    assert.equal(summary.unitsWithNewDutyPlan, 0);
    assert.deepEqual(await snapshotTables(test.db.knex), before);
  });

  it('updates what a file changes and leaves rows it does not mention', async () => {
    await seedOrganisation(test.db.knex, unitFile('404'));
    const unit = await test.db.knex('units').where({ code: '404' }).first('id');
    await test.db
      .knex('contacts')
      .insert({ unit_id: unit.id, name: 'Added by an admin', dial: '+84907654321' });

    const renamed = unitFile('404');
    const first = renamed.units[0];
    assert.ok(first);
    first.name = 'Ward 404 (renamed)';
    const summary = await seedOrganisation(test.db.knex, renamed);
    assert.equal(summary.unitsUpdated, 1);
    assert.equal(summary.contactsCreated, 0);
    assert.equal(
      (await test.db.knex('units').where({ id: unit.id }).first('name')).name,
      'Ward 404 (renamed)',
    );
    assert.equal(await countRows(test.db.knex, 'contacts', { unit_id: unit.id }), 3);
  });
});
