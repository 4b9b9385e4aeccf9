import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sampleFile from '../../core/seed/bac-tu-liem.json';
import {
  OrganisationFileError,
  readOrganisationFile,
  sampleOrganisation,
} from '../../core/seed/organisation.load';
import { seedOrganisation } from '../../core/seed/organisation.seed';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { makeTempDir, type TempDir } from '../support/processes';
import { countRows, snapshotTables } from '../support/tables';

type SampleFile = typeof sampleFile;
type Unit = SampleFile['units'][number] & { fallback?: string; duty?: unknown[] };

function editedSample(edit: (file: SampleFile & { units: Unit[] }) => void): unknown {
  const copy = structuredClone(sampleFile) as SampleFile & { units: Unit[] };
  edit(copy);
  return copy;
}

function unitAt(file: { units: Unit[] }, index: number): Unit {
  const unit = file.units[index];
  assert.ok(unit, `the sample has a unit ${index}`);
  return unit;
}

const brokenFiles: [what: string, data: unknown, problem: RegExp][] = [
  [
    'a dial that is neither a number nor an endpoint',
    editedSample((file) => {
      Object.assign(unitAt(file, 3).contacts[0] ?? {}, { dial: 'call me maybe' });
    }),
    /^units\[3\]\.contacts\[0\]\.dial: is not a phone number or endpoint/,
  ],
  [
    'a duplicate unit code',
    editedSample((file) => {
      unitAt(file, 5).code = unitAt(file, 4).code;
    }),
    /^units\[5\]\.code: duplicates the code of units\[4\]$/,
  ],
  [
    'a fallback to a unit the file does not define',
    editedSample((file) => {
      unitAt(file, 2).fallback = '999';
    }),
    /^units\[2\]\.fallback: names unit "999", which the file does not define$/,
  ],
  [
    'the same dial twice in one unit, written differently',
    editedSample((file) => {
      Object.assign(unitAt(file, 1).contacts[1] ?? {}, { dial: '+84 900 101 01' });
      Object.assign(unitAt(file, 1).contacts[0] ?? {}, { dial: '+8490010101' });
    }),
    /^units\[1\]\.contacts\[1\]\.dial: \+8490010101 is listed twice in this unit$/,
  ],
  [
    'a duty shift for someone who is not a contact of the unit',
    editedSample((file) => {
      unitAt(file, 1).duty = [{ contact: '+84999999999', from: '08:00', to: '17:00' }];
    }),
    /^units\[1\]\.duty\[0\]\.contact: "\+84999999999" is not the dial target of one of this unit's contacts$/,
  ],
  [
    'a duty shift at an impossible time',
    editedSample((file) => {
      unitAt(file, 1).duty = [{ contact: unitAt(file, 1).contacts[0]?.dial, from: '25:00', to: '06:00' }];
    }),
    /^units\[1\]\.duty\[0\]\.from: must be a time HH:MM/,
  ],
  [
    'an unknown unit kind',
    editedSample((file) => {
      unitAt(file, 0).kind = 'county';
    }),
    /^units\[0\]\.kind: /,
  ],
  [
    "a confidential complaint key that is also a unit's code",
    editedSample((file) => {
      Object.assign(file, { confidential_code: '12' });
    }),
    /^confidential_code: confidential_code "12" is also the code of unit 12 \(UBND phường Xuân Đỉnh\)$/,
  ],
  [
    'a unit holding the default confidential complaint key 99',
    editedSample((file) => {
      unitAt(file, 1).code = '99';
    }),
    /^confidential_code: confidential_code "99" is also the code of unit 99 /,
  ],
  [
    "a confidential complaint key starting with the operator's 0",
    editedSample((file) => {
      Object.assign(file, { confidential_code: '09' });
    }),
    /^confidential_code: confidential_code "09" starts with the operator's key 0, which must route at once$/,
  ],
  [
    'a confidential complaint key that is not digits',
    editedSample((file) => {
      Object.assign(file, { confidential_code: '9*' });
    }),
    /^confidential_code: must be 1 to 6 digits$/,
  ],
  [
    'a confidential complaint key longer than a dial code',
    editedSample((file) => {
      Object.assign(file, { confidential_code: '1234567' });
    }),
    /^confidential_code: must be 1 to 6 digits$/,
  ],
  ['no units at all', { units: [] }, /^units: must list at least one unit$/],
  ['a list instead of an object', [], /^\(file\): /],
];

describe('refusing a broken organisation file', () => {
  let test: TestDatabase;
  let dir: TempDir;

  before(async () => {
    test = await createTestDatabase();
    dir = makeTempDir('hotline-seed');
    await seedOrganisation(test.db.knex, sampleOrganisation());
  });
  after(async () => {
    dir?.remove();
    await test?.drop();
  });

  brokenFiles.forEach(([what, data, problem], index) => {
    it(`refuses ${what}, naming the field, and changes nothing`, async () => {
      const file = path.join(dir.path, `broken-${index}.json`);
      writeFileSync(file, JSON.stringify(data, null, 2));
      const before = await snapshotTables(test.db.knex);

      await assert.rejects(
        async () => seedOrganisation(test.db.knex, await readOrganisationFile(file)),
        (error: unknown) => {
          assert.ok(error instanceof OrganisationFileError, String(error));
          assert.equal(error.source, file);
          assert.ok(
            error.problems.some((line) => problem.test(line)),
            `no problem matches ${problem}: ${error.problems.join(' | ')}`,
          );
          assert.ok(error.message.startsWith(`${file} is not a valid organisation file:`), error.message);
          return true;
        },
      );
      assert.deepEqual(await snapshotTables(test.db.knex), before);
    });
  });

  it('says a missing file cannot be read', async () => {
    const file = path.join(dir.path, 'absent.json');
    await assert.rejects(readOrganisationFile(file), (error: unknown) => {
      assert.ok(error instanceof OrganisationFileError);
      assert.deepEqual(error.problems.length, 1);
      assert.match(error.problems[0] ?? '', /^cannot be read: ENOENT/);
      assert.match(
        error.message,
        new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a valid`),
      );
      return true;
    });
  });

  it('says a file with broken JSON is not JSON', async () => {
    const file = path.join(dir.path, 'truncated.json');
    writeFileSync(file, '{"units": [{"code": "1",');
    await assert.rejects(readOrganisationFile(file), (error: unknown) => {
      assert.ok(error instanceof OrganisationFileError);
      assert.match(error.problems[0] ?? '', /^is not JSON: /);
      return true;
    });
  });
});

describe('a seed that fails half-way', () => {
  let test: TestDatabase;
  let dir: TempDir;

  before(async () => {
    test = await createTestDatabase();
    dir = makeTempDir('hotline-seed');
    await seedOrganisation(test.db.knex, sampleOrganisation());
    // Only the database can refuse the last unit: the file itself is valid.
    await test.db.knex.raw("alter table contacts add constraint test_no_boom check (name <> 'Boom')");
  });
  after(async () => {
    dir?.remove();
    await test?.drop();
  });

  it('writes nothing of the file: updates, new units and contacts are all rolled back', async () => {
    const file = path.join(dir.path, 'boom.json');
    writeFileSync(
      file,
      JSON.stringify({
        admin_email: 'changed@example.gov.vn',
        units: [
          {
            code: '1',
            kind: 'ward',
            name: 'Renamed ward',
            contacts: [{ name: 'New officer', dial: '+84911111111' }],
          },
          { code: '901', kind: 'ward', name: 'New ward', contacts: [{ name: 'Fine', dial: '+84922222222' }] },
          {
            code: '902',
            kind: 'department',
            name: 'Last unit',
            fallback: '901',
            contacts: [{ name: 'Boom', dial: '+84933333333' }],
          },
        ],
      }),
    );
    const organisation = await readOrganisationFile(file);
    const before = await snapshotTables(test.db.knex);

    await assert.rejects(seedOrganisation(test.db.knex, organisation), /test_no_boom/);

    assert.deepEqual(await snapshotTables(test.db.knex), before);
    assert.equal(await countRows(test.db.knex, 'units', { code: '901' }), 0);
    assert.equal(await countRows(test.db.knex, 'contacts', { dial: '+84911111111' }), 0);
  });
});
