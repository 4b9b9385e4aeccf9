import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { type Database, openDatabase } from '../../core/db/database';
import { createLogger, type Logger } from '../../core/logger';
import sampleCatalogue from '../../core/seed/procedures.json';
import { verifyPassword } from '../../core/users/password';
import { prepareDatabase } from '../../server/bootstrap';
import { openTestDatabase, POSTGRES_SERVER_AVAILABLE, type TestDatabase } from '../support/database';
import { countRows, snapshotTables } from '../support/tables';

function capturedLogger(): { logger: Logger; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return { logger: createLogger({ level: 'info', format: 'json', stream }), text: () => text };
}

async function onlyUser(db: Database) {
  const users = await db.knex('users').select('username', 'role', 'must_change_password', 'password_hash');
  assert.equal(users.length, 1);
  return users[0];
}

describe('prepareDatabase on a new embedded database', () => {
  let db: Database;
  const log = capturedLogger();
  let password: string;

  before(async () => {
    db = await openDatabase({ kind: 'pglite', directory: 'memory://' });
  });
  after(async () => db?.close());

  it('migrates, loads the sample organisation, says so, and creates the first admin', async () => {
    const { firstAdmin } = await prepareDatabase(db, log.logger);
    assert.ok(firstAdmin, 'a first admin is returned');
    assert.equal(firstAdmin.username, 'admin');
    password = firstAdmin.password;
    assert.equal(password.length, 16);

    assert.equal(await countRows(db.knex, 'units'), 31);
    assert.ok((await countRows(db.knex, 'duty_shifts')) > 0);
    assert.equal(await countRows(db.knex, 'procedures'), sampleCatalogue.procedures.length);
    const user = await onlyUser(db);
    assert.equal(user.username, 'admin');
    assert.equal(user.role, 'admin');
    assert.equal(user.must_change_password, true);
    assert.equal(await verifyPassword(password, user.password_hash), true);
    assert.match(log.text(), /embedded database was empty: loaded the bac-tu-liem \(sample\) organisation/);
  });

  it('never writes the first password to the log', () => {
    assert.ok(!log.text().includes(password));
  });

  it('does nothing more when called again', async () => {
    const tables = {
      units: 'id',
      contacts: 'id',
      duty_shifts: 'id',
      settings: 'key',
      users: 'id',
      procedures: 'id',
    };
    const before = await snapshotTables(db.knex, tables);
    assert.deepEqual(await prepareDatabase(db, log.logger), {});
    assert.deepEqual(await snapshotTables(db.knex, tables), before);
  });
});

// Its subject is the server: without one there is nothing to test, and CI insists on one.
if (POSTGRES_SERVER_AVAILABLE) {
  describe('prepareDatabase on a configured PostgreSQL database', () => {
    let test: TestDatabase;

    before(async () => {
      test = await openTestDatabase('postgres', { migrate: false });
    });
    after(async () => test?.drop());

    it('migrates and creates the first admin but never loads the sample', async () => {
      const { firstAdmin } = await prepareDatabase(test.db, capturedLogger().logger);
      assert.ok(firstAdmin);
      assert.equal(await countRows(test.db.knex, 'units'), 0);
      assert.equal(await countRows(test.db.knex, 'procedures'), 0);
      const settings = await test.db.knex('settings').pluck('key');
      assert.deepEqual(settings, ['installed_at'], 'only the installation instant, no organisation');
      const user = await onlyUser(test.db);
      assert.equal(await verifyPassword(firstAdmin.password, user.password_hash), true);
    });

    it('creates no second admin on the next start', async () => {
      assert.deepEqual(await prepareDatabase(test.db, capturedLogger().logger), {});
      assert.equal(await countRows(test.db.knex, 'users'), 1);
      assert.equal(await countRows(test.db.knex, 'units'), 0);
    });
  });
}
