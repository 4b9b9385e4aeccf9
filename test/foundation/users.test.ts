import assert from 'node:assert/strict';
import { TakenError, ValidationError } from '../../core/errors';
import {
  generatePassword,
  hashPassword,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  verifyPassword,
  WeakPasswordError,
} from '../../core/users/password';
import { UsersRepository } from '../../core/users/users.repo';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { countRows } from '../support/tables';

const PASSWORD = 'Hồ Gươm 2026 xanh';

describe('password hashing', () => {
  let stored: string;

  before(async () => {
    stored = await hashPassword(PASSWORD);
  });

  it('keeps the scheme, its parameters and a salt in the hash, never the password', () => {
    assert.match(stored, /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    assert.ok(!stored.includes(PASSWORD));
  });

  it('salts every hash differently', async () => {
    assert.notEqual(await hashPassword(PASSWORD), stored);
  });

  it('accepts the right password, also typed in another Unicode normal form', async () => {
    assert.equal(await verifyPassword(PASSWORD, stored), true);
    assert.equal(await verifyPassword(PASSWORD.normalize('NFD'), stored), true);
  });

  it('refuses a wrong password', async () => {
    assert.equal(await verifyPassword('Hồ Gươm 2026 xanh ', stored), false);
    assert.equal(await verifyPassword('', stored), false);
  });

  const tampered: [what: string, edit: (parts: string[]) => string[]][] = [
    ['another key', (p) => [...p.slice(0, 5), Buffer.alloc(32, 7).toString('base64')]],
    ['a truncated key', (p) => [...p.slice(0, 5), 'AAAA']],
    ['a key that is not base64', (p) => [...p.slice(0, 5), '!!!!']],
    ['an empty key', (p) => [...p.slice(0, 5), '']],
    ['another salt', (p) => [...p.slice(0, 4), Buffer.alloc(16, 1).toString('base64'), ...p.slice(5)]],
    ['another cost', (p) => ['scrypt', '16384', ...p.slice(2)]],
    ['a cost that is not a power of two', (p) => ['scrypt', '1000', ...p.slice(2)]],
    ['a cost that is not a number', (p) => ['scrypt', 'abc', ...p.slice(2)]],
    ['a cost beyond the memory limit', (p) => ['scrypt', String(2 ** 24), ...p.slice(2)]],
    ['another scheme', (p) => ['bcrypt', ...p.slice(1)]],
    ['missing fields', (p) => p.slice(0, 3)],
  ];
  for (const [what, edit] of tampered) {
    it(`refuses the right password against a hash with ${what}`, async () => {
      const hash = edit(stored.split('$')).join('$');
      assert.equal(await verifyPassword(PASSWORD, hash), false);
      assert.equal(await verifyPassword('anything else', hash), false);
    });
  }

  it('refuses any password against an empty hash', async () => {
    assert.equal(await verifyPassword(PASSWORD, ''), false);
  });
});

describe('passwordProblem', () => {
  const cases: [password: string, reason: string | null, names?: string[]][] = [
    ['a'.repeat(MIN_PASSWORD_LENGTH - 1), 'too-short'],
    ['', 'too-short'],
    [' leading space', 'surrounding-spaces'],
    ['trailing space ', 'surrounding-spaces'],
    ['inner spaces are fine', null],
    ['correct horse battery', null],
    ['Hồ Gươm 2026 xanh', null],
    ['tôi đi chợ Bến Thành', null],
    ['1234567890', 'predictable'],
    ['0987654321', 'predictable'],
    ['aaaaaaaaaa', 'predictable'],
    ['abababababab', 'predictable'],
    ['qwertyuiop', 'predictable'],
    ['QWERTY123456', 'common'],
    ['zxcvbnm12345', 'predictable'],
    ['1q2w3e4r5t', 'predictable'],
    ['abcdefghijk', 'predictable'],
    ['asdfgh!@#$%^', 'predictable'],
    ['password123', 'common'],
    ['P@ssw0rd2026!', 'common'],
    ['iloveyou12', 'common'],
    ['Mật Khẩu 123456', 'common'],
    ['anhyeuem123', 'common'],
    ['2026hotline', 'common'],
    ['0912345678', 'digits-only'],
    ['19052026 1990', 'digits-only'],
    ['Nguyenvana-2026', 'personal', ['nguyenvana']],
    ['tran-thi-binh-2026', 'personal', ['ttbinh', 'Trần Thị Bình']],
    ['a quiet river at dawn', null, ['ttbinh', 'Trần Thị Bình']],
    ['thanh nhanh qua cầu', null, ['leanh', 'Lê Anh']],
    ['lê anh đi học 2026', 'personal', ['leanh', 'Lê Anh']],
  ];
  for (const [password, reason, names] of cases) {
    it(`${JSON.stringify(password)}${names ? ` for ${names.join(', ')}` : ''} → ${reason ?? 'acceptable'}`, () => {
      assert.equal(passwordProblem(password, names)?.reason ?? null, reason);
    });
  }

  it('names the problem in its message', () => {
    assert.equal(passwordProblem('short')?.message, `must have at least ${MIN_PASSWORD_LENGTH} characters`);
    assert.equal(passwordProblem('password123')?.message, 'is one of the most commonly used passwords');
  });

  it('finds nothing wrong with a generated password', () => {
    const generated = generatePassword();
    assert.equal(generated.length, 16);
    assert.equal(passwordProblem(generated), null);
    assert.doesNotMatch(generated, /[0O1lI]/);
  });
});

describe('UsersRepository', () => {
  let test: TestDatabase;
  let users: UsersRepository;

  before(async () => {
    test = await createTestDatabase();
    users = new UsersRepository(test.db.knex);
    await test.db.knex('units').insert([
      { code: '1', name: 'UBND phường Cổ Nhuế 1', kind: 'ward' },
      { code: '2', name: 'UBND phường Cổ Nhuế 2', kind: 'ward' },
    ]);
  });
  after(async () => test?.drop());

  it('counts no user in a new database', async () => {
    assert.equal(await users.count(), 0);
  });

  it('creates a user whose password verifies, and records it in the audit log', async () => {
    const created = await users.create({ username: 'Lan.Nguyen', password: PASSWORD, role: 'admin' });
    assert.deepEqual(created, { id: created.id, username: 'Lan.Nguyen', role: 'admin', unitCodes: [] });
    const row = await test.db.knex('users').where({ id: created.id }).first();
    assert.equal(row.username, 'Lan.Nguyen');
    assert.equal(row.must_change_password, false);
    assert.equal(await verifyPassword(PASSWORD, row.password_hash), true);

    const audit = await test.db.knex('audit_log').where({ entity: 'user', entity_id: String(created.id) });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].action, 'user.create');
    assert.deepEqual(audit[0].details, { username: 'Lan.Nguyen', role: 'admin', units: [] });
    assert.ok(!JSON.stringify(audit).includes(PASSWORD));
    assert.equal(await users.count(), 1);
  });

  it('scopes a ward official to the units named', async () => {
    const created = await users.create({
      username: 'ward-official',
      password: PASSWORD,
      role: 'ward_official',
      unitCodes: ['1', '2'],
      displayName: 'Cán bộ phường',
      mustChangePassword: true,
    });
    const scope = await test.db
      .knex('user_units')
      .join('units', 'units.id', 'user_units.unit_id')
      .where({ user_id: created.id })
      .orderBy('units.code')
      .pluck('units.code');
    assert.deepEqual(scope, ['1', '2']);
    const row = await test.db
      .knex('users')
      .where({ id: created.id })
      .first('display_name', 'must_change_password');
    assert.deepEqual(row, { display_name: 'Cán bộ phường', must_change_password: true });
  });

  const refused: [
    what: string,
    user: Parameters<UsersRepository['create']>[0],
    error: RegExp,
    type: typeof TakenError | typeof ValidationError | typeof WeakPasswordError,
  ][] = [
    [
      'a username taken in another case',
      { username: 'lan.NGUYEN', password: PASSWORD, role: 'viewer' },
      /username "lan\.NGUYEN" is already taken/,
      TakenError,
    ],
    [
      'a ward official without a unit',
      { username: 'no-unit', password: PASSWORD, role: 'ward_official' },
      /a ward_official needs at least one unit/,
      ValidationError,
    ],
    [
      'an unknown unit code',
      { username: 'lost', password: PASSWORD, role: 'ward_official', unitCodes: ['1', '99'] },
      /unknown unit code 99/,
      ValidationError,
    ],
    [
      'a unit scope on an admin',
      { username: 'scoped-admin', password: PASSWORD, role: 'admin', unitCodes: ['1'] },
      /a admin sees every unit/,
      ValidationError,
    ],
    [
      'a short password',
      { username: 'shorty', password: 'short', role: 'viewer' },
      /password must have at least 10 characters/,
      WeakPasswordError,
    ],
    [
      'a password holding the display name',
      { username: 'lan', password: 'bà Nguyễn kể chuyện', role: 'viewer', displayName: 'Nguyễn Thị Lan' },
      /password contains the user name or the person’s name/,
      WeakPasswordError,
    ],
  ];
  for (const [what, user, message, type] of refused) {
    it(`refuses ${what} and writes nothing`, async () => {
      const counts = async () => ({
        users: await countRows(test.db.knex, 'users'),
        scopes: await countRows(test.db.knex, 'user_units'),
        audit: await countRows(test.db.knex, 'audit_log'),
      });
      const before = await counts();
      await assert.rejects(users.create(user), (error: unknown) => {
        assert.ok(error instanceof type, `${String(error)} is not a ${type.name}`);
        assert.match((error as Error).message, message);
        return true;
      });
      assert.deepEqual(await counts(), before);
    });
  }

  it('lets exactly one of two simultaneous creations of one name through', async () => {
    for (let round = 0; round < 5; round += 1) {
      const results = await Promise.allSettled([
        users.create({ username: `Race${round}`, password: PASSWORD, role: 'viewer' }),
        users.create({ username: `race${round}`, password: PASSWORD, role: 'viewer' }),
      ]);
      const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
      assert.equal(failures.length, 1, `round ${round}`);
      assert.ok(failures[0] instanceof TakenError, `round ${round}: ${String(failures[0])}`);
      assert.equal(
        await countRows(test.db.knex, 'audit_log', { action: 'user.create' }),
        await users.count(),
      );
    }
  });
});
