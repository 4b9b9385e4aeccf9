import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Database } from '../../core/db/database';
import { migrateToLatest, rollbackAll } from '../../core/db/migrator';
import { AVAILABLE_DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../support/database';
import { REPO_ROOT } from '../support/processes';

const MIGRATION_NAMES = readdirSync(path.join(REPO_ROOT, 'migrations'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => path.basename(file, '.ts'))
  .sort();

const KNEX_BOOKKEEPING = ['knex_migrations', 'knex_migrations_lock'];

const DATA_MODEL_TABLES = [
  'audit_log',
  'contacts',
  'desks',
  'digests',
  'duty_overrides',
  'duty_shifts',
  'sessions',
  'settings',
  'ticket_code_counters',
  'ticket_events',
  'tickets',
  'units',
  'user_units',
  'users',
];

async function tables(knex: Knex): Promise<string[]> {
  const rows: { table_name: string }[] = await knex('information_schema.tables')
    .where({ table_schema: 'public' })
    .select('table_name');
  return rows.map((row) => row.table_name).sort();
}

async function sequences(knex: Knex): Promise<string[]> {
  const rows: { sequence_name: string }[] = await knex('information_schema.sequences')
    .where({ sequence_schema: 'public' })
    .select('sequence_name');
  return rows.map((row) => row.sequence_name).sort();
}

async function unitId(knex: Knex, code: string): Promise<number> {
  const [row] = await knex('units')
    .insert({ code, name: `Unit ${code}`, kind: 'ward' })
    .returning('id');
  return row.id;
}

/** A write the schema must refuse, and the constraint that refuses it. */
interface Violation {
  what: string;
  setUp?: (knex: Knex) => Promise<void>;
  write: (knex: Knex) => Promise<unknown>;
  constraint: string;
}

const violations: Violation[] = [
  {
    what: 'two tickets for one Asterisk channel id',
    setUp: (knex) =>
      knex('tickets').insert({
        code: 'HL-2026-000001',
        asterisk_channel_id: '1700000000.1',
        received_at: new Date(),
      }),
    write: (knex) =>
      knex('tickets').insert({
        code: 'HL-2026-000002',
        asterisk_channel_id: '1700000000.1',
        received_at: new Date(),
      }),
    constraint: 'tickets_asterisk_channel_id_unique',
  },
  {
    what: 'two tickets with one human code',
    setUp: (knex) => knex('tickets').insert({ code: 'HL-2026-000009', received_at: new Date() }),
    write: (knex) => knex('tickets').insert({ code: 'HL-2026-000009', received_at: new Date() }),
    constraint: 'tickets_code_unique',
  },
  {
    what: 'two units with one dial code',
    setUp: async (knex) => {
      await unitId(knex, '12');
    },
    write: (knex) => knex('units').insert({ code: '12', name: 'Another', kind: 'department' }),
    constraint: 'units_code_unique',
  },
  {
    what: 'a unit code that is not digits',
    write: (knex) => knex('units').insert({ code: '1a', name: 'Bad', kind: 'ward' }),
    constraint: 'units_code_digits',
  },
  {
    what: 'two weekly digests for one period',
    setUp: (knex) => knex('digests').insert({ kind: 'weekly', period: '2026-W08' }),
    write: (knex) => knex('digests').insert({ kind: 'weekly', period: '2026-W08', status: 'sent' }),
    constraint: 'digests_kind_period_unique',
  },
  {
    what: 'a username differing only in case',
    setUp: (knex) => knex('users').insert({ username: 'NguyenVanA', password_hash: 'x', role: 'admin' }),
    write: (knex) => knex('users').insert({ username: 'nguyenvana', password_hash: 'y', role: 'viewer' }),
    constraint: 'users_username_lower_idx',
  },
  {
    what: 'an unknown user role',
    write: (knex) => knex('users').insert({ username: 'root', password_hash: 'x', role: 'root' }),
    constraint: 'users_role_known',
  },
  {
    what: 'one dial target twice in a unit',
    setUp: async (knex) => {
      await knex('contacts').insert({ unit_id: await unitId(knex, '7'), name: 'A', dial: '+84900000007' });
    },
    write: async (knex) => {
      const unit = await knex('units').where({ code: '7' }).first('id');
      return knex('contacts').insert({ unit_id: unit.id, name: 'B', dial: '+84900000007' });
    },
    constraint: 'contacts_unit_id_dial_unique',
  },
  {
    what: 'a rating outside 1..3',
    write: (knex) => knex('tickets').insert({ code: 'HL-2026-000100', received_at: new Date(), rating: 4 }),
    constraint: 'tickets_rating_range',
  },
  {
    what: 'a contact of a unit that does not exist',
    write: (knex) => knex('contacts').insert({ unit_id: 999_999, name: 'Nobody', dial: '+84900000009' }),
    constraint: 'contacts_unit_id_foreign',
  },
  {
    what: 'a ticket from a channel no form or call makes',
    write: (knex) =>
      knex('tickets').insert({ code: 'HL-2026-000101', received_at: new Date(), channel: 'qr' }),
    constraint: 'tickets_channel_known',
  },
  {
    what: 'two desks of one name in a unit',
    setUp: async (knex) => {
      await knex('desks').insert({ unit_id: await unitId(knex, '8'), name: 'Quầy 1' });
    },
    write: async (knex) => {
      const unit = await knex('units').where({ code: '8' }).first('id');
      return knex('desks').insert({ unit_id: unit.id, name: 'Quầy 1' });
    },
    constraint: 'desks_unit_id_name_unique',
  },
  {
    what: 'a direct number that is not E.164',
    write: (knex) =>
      knex('units').insert({ code: '9', name: 'Bad', kind: 'ward', direct_number: '0243 765 1234' }),
    constraint: 'units_direct_number_e164',
  },
];

for (const kind of AVAILABLE_DATABASE_KINDS) {
  describe(`migrations on an empty ${kind} database`, () => {
    let test: TestDatabase;
    let db: Database;

    before(async () => {
      test = await openTestDatabase(kind, { migrate: false });
      db = test.db;
    });
    after(async () => test?.drop());

    it('starts with no table at all', async () => {
      assert.deepEqual(await tables(db.knex), []);
    });

    it('applies every migration, recorded by name without extension', async () => {
      assert.deepEqual(await migrateToLatest(db.knex), MIGRATION_NAMES);
      const recorded = await db.knex('knex_migrations').orderBy('id').pluck('name');
      assert.deepEqual(recorded, MIGRATION_NAMES);
      const present = await tables(db.knex);
      for (const table of [...DATA_MODEL_TABLES, ...KNEX_BOOKKEEPING]) {
        assert.ok(present.includes(table), `table ${table} is missing`);
      }
    });

    it('has nothing left to apply afterwards', async () => {
      assert.deepEqual(await migrateToLatest(db.knex), []);
    });

    it("refuses, with knex's own error, a recorded migration that has no file", async () => {
      await db
        .knex('knex_migrations')
        .insert({ name: '20200101000000_gone', batch: 99, migration_time: new Date() });
      try {
        await assert.rejects(migrateToLatest(db.knex), /corrupt.*20200101000000_gone/);
      } finally {
        await db.knex('knex_migrations').where({ name: '20200101000000_gone' }).delete();
      }
    });

    it('rolls every migration back, newest first, leaving only knex bookkeeping', async () => {
      assert.deepEqual(await rollbackAll(db.knex), [...MIGRATION_NAMES].reverse());
      assert.deepEqual(await tables(db.knex), KNEX_BOOKKEEPING);
      assert.deepEqual(await sequences(db.knex), [
        'knex_migrations_id_seq',
        'knex_migrations_lock_index_seq',
      ]);
      assert.deepEqual(await db.knex('knex_migrations').select('name'), []);
    });

    it('applies every migration again after the rollback (the table is there, the records are not)', async () => {
      assert.deepEqual(await migrateToLatest(db.knex), MIGRATION_NAMES);
      for (const table of DATA_MODEL_TABLES) assert.ok((await tables(db.knex)).includes(table), table);
    });

    describe('constraints of the data model', () => {
      for (const violation of violations) {
        it(`refuses ${violation.what} (${violation.constraint})`, async () => {
          // Each case runs in a transaction it rolls back, so cases never see each other's rows.
          await db.knex
            .transaction(async (trx) => {
              await violation.setUp?.(trx);
              await assert.rejects(violation.write(trx), (error: { code?: string; constraint?: string }) => {
                assert.equal(error.constraint, violation.constraint, String(error));
                assert.match(error.code ?? '', /^23/);
                return true;
              });
              throw new RollBack();
            })
            .catch((error: unknown) => {
              if (!(error instanceof RollBack)) throw error;
            });
        });
      }
    });
  });
}

class RollBack extends Error {}
