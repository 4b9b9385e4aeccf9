import assert from 'node:assert/strict';
import { verifyPassword } from '../../core/users/password';
import { UsersRepository } from '../../core/users/users.repo';
import { type ProcessResult, runTsx } from '../support/processes';
import { failedWith, type ScriptTarget, scriptTarget } from '../support/script-target';

const PASSWORD = 'một mật khẩu dài';
const NEW_PASSWORD = 'mật khẩu mới của phường';

describe('scripts/users.ts (npm run users)', function () {
  this.timeout(120_000);
  let target: ScriptTarget;
  const users = (args: string[], stdin = '') => runTsx('scripts/users.ts', args, target.env, stdin);
  const succeeded = (result: ProcessResult) => assert.equal(result.code, 0, result.stderr);

  before(async () => {
    target = await scriptTarget(true);
    await target.inspect(async (knex) => {
      await knex('units').insert({ code: '5', name: 'UBND phường Đông Ngạc', kind: 'ward' });
      await new UsersRepository(knex).create({ username: 'noivu', password: PASSWORD, role: 'admin' });
    });
  });
  after(async () => target?.remove());

  it('creates a ward official with a display name and unit, and lists every user', async () => {
    const created = await users(
      [
        'create',
        '--username',
        'phuong5',
        '--display-name',
        'Cán bộ Đông Ngạc',
        '--role',
        'ward_official',
        '--unit',
        '5',
        '--password-stdin',
      ],
      PASSWORD,
    );
    succeeded(created);
    assert.equal(created.stdout, 'create: phuong5\tward_official\tactive\t5\tfailed=0\tCán bộ Đông Ngạc\n');
    const listed = await users(['list']);
    succeeded(listed);
    assert.deepEqual(listed.stdout.trim().split('\n'), [
      'noivu\tadmin\tactive\t-\tfailed=0\t',
      'phuong5\tward_official\tactive\t5\tfailed=0\tCán bộ Đông Ngạc',
    ]);
  });

  it('refuses to deactivate the last active administrator, and says why', async () => {
    failedWith(
      await users(['deactivate', '--username', 'noivu']),
      /user "noivu" was not changed: this is the last active administrator/,
    );
    await target.inspect(async (knex) => {
      assert.equal((await knex('users').where({ username: 'noivu' }).first('active')).active, true);
    });
  });

  it('deactivates a user and ends their sessions, audited as a script', async () => {
    await target.inspect(async (knex) => {
      const { id } = await knex('users').where({ username: 'phuong5' }).first('id');
      await knex('sessions').insert({
        id: 'script-test-session',
        user_id: id,
        csrf_token: 'csrf',
        expires_at: new Date(Date.now() + 3600_000),
      });
    });
    const result = await users(['deactivate', '--username', 'PHUONG5']);
    succeeded(result);
    assert.match(result.stdout, /^deactivate: phuong5\tward_official\tinactive/);
    await target.inspect(async (knex) => {
      assert.equal((await knex('sessions').where({ id: 'script-test-session' })).length, 0);
      const audit = await knex('audit_log').where({ action: 'user.update' }).first('user_id', 'details');
      assert.equal(audit.user_id, null);
      assert.deepEqual(audit.details.changes, { active: false });
    });
    succeeded(await users(['activate', '--username', 'phuong5']));
  });

  it('grants and withdraws the permission to read confidential complaints to the chairman, audited', async () => {
    const granted = await users(['update', '--username', 'noivu', '--reads-complaints', 'yes']);
    succeeded(granted);
    assert.match(granted.stdout, /^update: noivu\tadmin\tactive\t-\tfailed=0\t\treads-complaints\n$/);
    const withdrawn = await users(['update', '--username', 'noivu', '--reads-complaints', 'no']);
    succeeded(withdrawn);
    assert.doesNotMatch(withdrawn.stdout, /reads-complaints/);
    await target.inspect(async (knex) => {
      const changes = (
        await knex('audit_log').where({ action: 'user.update' }).orderBy('id').select('details')
      )
        .map((row) => row.details.changes)
        .filter((change) => 'readsComplaints' in change);
      assert.deepEqual(changes, [{ readsComplaints: true }, { readsComplaints: false }]);
    });
  });

  it('resets a password from standard input and unlocks a held-back user name', async () => {
    await target.inspect((knex) =>
      knex('sign_in_failures').insert({ key: 'account:phuong5', failures: 9, last_failed_at: new Date() }),
    );
    succeeded(await users(['reset-password', '--username', 'phuong5', '--password-stdin'], NEW_PASSWORD));
    await target.inspect(async (knex) => {
      const row = await knex('users').where({ username: 'phuong5' }).first('password_hash');
      assert.ok(await verifyPassword(NEW_PASSWORD, row.password_hash));
      await knex('sign_in_failures').insert({
        key: 'account:phuong5',
        failures: 9,
        last_failed_at: new Date(),
      });
    });
    const unlocked = await users(['unlock', '--username', 'phuong5']);
    succeeded(unlocked);
    assert.match(unlocked.stdout, /failed=0/);
  });

  const refused: [what: string, args: string[], message: RegExp][] = [
    ['no command', [], /^error: a command is required\n\nusage: npm run users/],
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"; one of list, create/],
    ['a change without a user name', ['deactivate'], /--username is required/],
    ['an unknown user', ['unlock', '--username', 'nobody'], /user nobody was not found/],
    ['an unknown unit', ['update', '--username', 'phuong5', '--unit', '77'], /unknown unit code 77/],
    [
      'an unknown role',
      ['update', '--username', 'phuong5', '--role', 'boss'],
      /--role must be one of admin, ward_official, viewer/,
    ],
    [
      'an update that changes nothing',
      ['update', '--username', 'phuong5'],
      /update needs --display-name, --role, --unit or --reads-complaints/,
    ],
    [
      'the complaints permission for a ward official',
      ['update', '--username', 'phuong5', '--reads-complaints', 'yes'],
      /a ward official never reads confidential complaints/,
    ],
    [
      'a complaints permission that is neither yes nor no',
      ['update', '--username', 'noivu', '--reads-complaints', 'maybe'],
      /--reads-complaints must be yes or no/,
    ],
  ];
  for (const [what, args, message] of refused) {
    it(`exits 1 on ${what} and says why`, async () => failedWith(await users(args), message));
  }
});
