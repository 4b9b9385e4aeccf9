import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sampleCatalogue from '../../core/seed/procedures.json';
import { verifyPassword } from '../../core/users/password';
import { UsersRepository } from '../../core/users/users.repo';
import { makeTempDir, type ProcessResult, runTsx, type TempDir } from '../support/processes';
import { failedWith, scriptTarget } from '../support/script-target';
import { countRows } from '../support/tables';

const PASSWORD = 'một mật khẩu dài';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('scripts/create-admin.ts', () => {
  let target: Awaited<ReturnType<typeof scriptTarget>>;

  before(async () => {
    target = await scriptTarget(true);
    await target.inspect((knex) =>
      knex('units').insert({ code: '5', name: 'UBND phường Đông Ngạc', kind: 'ward' }),
    );
  });
  after(async () => target?.remove());

  it('creates an admin with the password read from stdin', async () => {
    const result = await runTsx(
      'scripts/create-admin.ts',
      ['--username', 'noivu', '--password-stdin'],
      target.env,
      `${PASSWORD}\n`,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^created admin "noivu" in ${escapeRegExp(target.location)}`));
    assert.ok(!result.stdout.includes(PASSWORD));
    const user = await target.inspect((knex) => knex('users').where({ username: 'noivu' }).first());
    assert.equal(user.role, 'admin');
    assert.equal(user.must_change_password, false);
    assert.equal(await verifyPassword(PASSWORD, user.password_hash), true);
    assert.deepEqual(readdirSync(target.dataDir.path), target.dataDirEntries, 'what DATA_DIR holds');
  });

  it('creates a ward official scoped to a unit', async () => {
    const result = await runTsx(
      'scripts/create-admin.ts',
      ['--username', 'dongngac', '--role', 'ward_official', '--unit', '5', '--password-stdin'],
      target.env,
      PASSWORD,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      new RegExp(`^created ward_official "dongngac" for unit 5 in ${escapeRegExp(target.location)}`),
    );
    const scopes = await target.inspect((knex) =>
      knex('user_units')
        .join('users', 'users.id', 'user_units.user_id')
        .join('units', 'units.id', 'user_units.unit_id')
        .select('users.username', 'users.role', 'units.code'),
    );
    assert.deepEqual(scopes, [{ username: 'dongngac', role: 'ward_official', code: '5' }]);
  });
});

describe('scripts/create-admin.ts refusing bad input', () => {
  let target: Awaited<ReturnType<typeof scriptTarget>>;
  const results = new Map<string, ProcessResult>();

  const refused: [what: string, args: string[], stdin: string, message: RegExp][] = [
    ['an unknown flag', ['--username', 'x1x', '--admin'], PASSWORD, /^error: Unknown option '--admin'/],
    [
      'an unknown role',
      ['--username', 'boss', '--role', 'boss', '--password-stdin'],
      PASSWORD,
      /--role must be one of admin, ward_official, viewer/,
    ],
    ['no username', ['--password-stdin'], PASSWORD, /--username is required/],
    [
      'a username with spaces',
      ['--username', 'a b c', '--password-stdin'],
      PASSWORD,
      /--username must be 3-64/,
    ],
    [
      'a short password',
      ['--username', 'shorty', '--password-stdin'],
      'short',
      /password must have at least 10/,
    ],
    [
      'a sequence of digits',
      ['--username', 'digits', '--password-stdin'],
      '1234567890',
      /password is a keyboard pattern, sequence or repetition/,
    ],
    [
      'a common password',
      ['--username', 'common', '--password-stdin'],
      'P@ssw0rd2026!',
      /password is one of the most commonly used passwords/,
    ],
    [
      'a password holding the user name',
      ['--username', 'nguyenvana', '--password-stdin'],
      'Nguyenvana-2026',
      /password contains the user name/,
    ],
    [
      'a username already taken',
      ['--username', 'NOIVU', '--password-stdin'],
      PASSWORD,
      /username "NOIVU" is already taken/,
    ],
    [
      'a unit that does not exist',
      ['--username', 'lost', '--role', 'ward_official', '--unit', '77', '--password-stdin'],
      PASSWORD,
      /unknown unit code 77/,
    ],
  ];

  before(async () => {
    target = await scriptTarget(true);
    await target.inspect(async (knex) => {
      await knex('units').insert({ code: '5', name: 'UBND phường Đông Ngạc', kind: 'ward' });
      await new UsersRepository(knex).create({ username: 'noivu', password: PASSWORD, role: 'admin' });
    });
    // Independent refusals, each test then reads its own outcome: side by side where the database allows.
    const run = async ([what, args, stdin]: (typeof refused)[number]) => {
      results.set(what, await runTsx('scripts/create-admin.ts', args, target.env, stdin));
    };
    if (target.childrenMayShareDatabase) await Promise.all(refused.map(run));
    else for (const refusal of refused) await run(refusal);
  });
  after(async () => target?.remove());

  for (const [what, , , message] of refused) {
    it(`exits 1 on ${what} and says why`, () => {
      const result = results.get(what);
      assert.ok(result);
      failedWith(result, message);
    });
  }

  it('prints the usage after a usage error', () => {
    const result = results.get('an unknown flag');
    assert.ok(result);
    assert.match(result.stderr, /\n\nusage: npm run create-admin -- --username NAME/);
  });

  it('created nothing for any of them', async () => {
    await target.inspect(async (knex) => {
      assert.deepEqual(await knex('users').pluck('username'), ['noivu']);
      assert.equal(await countRows(knex, 'audit_log'), 1);
    });
  });
});

describe('scripts/seed.ts', () => {
  let target: Awaited<ReturnType<typeof scriptTarget>>;
  let files: TempDir;

  before(async () => {
    target = await scriptTarget(true);
    files = makeTempDir('hotline-seed-files');
  });
  after(async () => {
    files?.remove();
    await target?.remove();
  });

  it('exits 1 on a broken file, naming the field, and writes nothing', async () => {
    const file = path.join(files.path, 'broken.json');
    writeFileSync(
      file,
      JSON.stringify({
        units: [
          { code: '1', kind: 'ward', name: 'Ward 1', contacts: [{ name: 'A', dial: '0901234567' }] },
          { code: '2', kind: 'ward', name: 'Ward 2', contacts: [{ name: 'B', dial: 'not a number' }] },
        ],
      }),
    );
    const result = await runTsx('scripts/seed.ts', ['--file', file], target.env);
    failedWith(result, /units\[1\]\.contacts\[0\]\.dial: is not a phone number or endpoint/);
    assert.match(result.stderr, new RegExp(`${escapeRegExp(file)} is not a valid`));
    assert.equal(await target.inspect((knex) => countRows(knex, 'units')), 0);
  });

  it('exits 1 on a file that does not exist', async () => {
    const result = await runTsx('scripts/seed.ts', ['--file', '/nonexistent/org.json'], target.env);
    failedWith(result, /\/nonexistent\/org\.json is not a valid organisation file:\n {2}- cannot be read/);
  });

  it('loads the sample organisation without --file, and changes nothing the second time', async () => {
    const first = await runTsx('scripts/seed.ts', [], target.env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stdout,
      new RegExp(
        `^seeded bac-tu-liem \\(sample\\) and procedures\\.json \\(sample\\) into ${escapeRegExp(target.location)}`,
      ),
    );
    assert.match(first.stdout, /"unitsCreated": 31/);
    assert.match(first.stdout, new RegExp(`"proceduresAdded": ${sampleCatalogue.procedures.length}`));
    assert.equal(await target.inspect((knex) => countRows(knex, 'units')), 31);

    const second = await runTsx('scripts/seed.ts', [], target.env);
    assert.equal(second.code, 0, second.stderr);
    const summary = JSON.parse(second.stdout.slice(second.stdout.indexOf('{')));
    assert.ok(
      Object.values(summary).every((count) => count === 0),
      second.stdout,
    );
    assert.deepEqual(readdirSync(target.dataDir.path), target.dataDirEntries);
  });
});

describe('scripts/migrate.ts', () => {
  let target: Awaited<ReturnType<typeof scriptTarget>>;
  const migrations = readdirSync(path.resolve(__dirname, '..', '..', 'migrations')).filter((file) =>
    file.endsWith('.ts'),
  );

  before(async () => {
    target = await scriptTarget(false);
  });
  after(async () => target?.remove());

  it('applies every migration and lists them', async () => {
    const result = await runTsx('scripts/migrate.ts', ['latest'], target.env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^applied ${migrations.length}:\\n`));
    assert.match(result.stdout, /\n {2}20261122000100_create_units\n/);
    assert.equal(await target.inspect((knex) => countRows(knex, 'knex_migrations')), migrations.length);
  });

  it('says there is nothing to do the second time', async () => {
    const result = await runTsx('scripts/migrate.ts', ['latest'], target.env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^nothing to do \\(${escapeRegExp(target.location)}.*\\)\n$`));
  });

  it('rolls every migration back and lists them', async () => {
    const result = await runTsx('scripts/migrate.ts', ['rollback'], target.env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^rolled back ${migrations.length}:\\n`));
    await target.inspect(async (knex) => {
      assert.equal(await countRows(knex, 'knex_migrations'), 0);
      assert.equal(await knex.schema.hasTable('units'), false);
    });
  });

  it('exits 1 on an unknown direction', async () => {
    failedWith(await runTsx('scripts/migrate.ts', ['sideways'], target.env), /unknown direction "sideways"/);
  });

  it('exits 1 naming a bad DATABASE_URL', async () => {
    const env = { ...target.env, DATABASE_URL: 'mysql://localhost/x' };
    failedWith(await runTsx('scripts/migrate.ts', ['latest'], env), /DATABASE_URL must be a URL/);
  });
});
