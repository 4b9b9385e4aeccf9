import assert from 'node:assert/strict';
import { type Database, openDatabase } from '../../core/db/database';
import { createSilentLogger } from '../../core/logger';
import { DigestScheduler } from '../../server/jobs/digest.scheduler';
import { DigestSender } from '../../server/jobs/digest.sender';
import { MailHealth } from '../../server/mail/mail.health';
import { createMailer } from '../../server/mail/mail.transport';
import { capturedLogger } from '../support/captured-logger';
import { createTestDatabase, POSTGRES_SERVER_AVAILABLE, type TestDatabase } from '../support/database';
import { hanoi, installedOn, seedKnownWeek } from './digest.fixture';
import { decodeWords, parseMime } from './mime.fixture';
import { type SmtpCapture, startSmtpCapture } from './smtp.fixture';

const TZ = 'Asia/Ho_Chi_Minh';
const FROM = 'Đường dây nóng <hotline@quan.example.vn>';

interface Instance {
  scheduler: DigestScheduler;
  health: MailHealth;
  stop(): Promise<void>;
}

/** One service instance's digest side: its own database connection pool and its own SMTP client. */
async function startInstance(
  test: TestDatabase,
  smtp: SmtpCapture,
  clock: { now: Date },
  // digestTo null: no DIGEST_TO, so the organisation's admin_email setting is the recipient.
  { digestTo = 'noivu@example.gov.vn' as string | null, logger = createSilentLogger() } = {},
): Promise<Instance> {
  // Two pools on one PostgreSQL database are two instances; PGlite has one connection per process.
  const db: Database = test.url
    ? await openDatabase({ kind: 'postgres', url: test.url, poolMax: 3 })
    : test.db;
  const mailer = createMailer({ smtpUrl: smtp.url, dataDir: '/nonexistent', from: FROM, logger });
  const health = new MailHealth(mailer.description);
  const now = () => clock.now;
  const sender = new DigestSender({
    knex: db.knex,
    mailer,
    health,
    logger,
    timeZone: TZ,
    publicUrl: 'https://hotline.example.vn',
    digestTo: digestTo ?? undefined,
    mailFrom: FROM,
    now,
  });
  const scheduler = new DigestScheduler({
    sender,
    health,
    logger,
    timeZone: TZ,
    crons: { weekly: '30 7 * * 1', monthly: '0 8 1 * *' },
    sweepEveryMs: 3_600_000,
    now,
  });
  return {
    scheduler,
    health,
    async stop() {
      await scheduler.stop();
      mailer.close();
      if (db !== test.db) await db.close();
    },
  };
}

const subjects = (smtp: SmtpCapture) =>
  smtp.received.map((mail) => decodeWords(parseMime(mail.raw).headers.get('subject') ?? '')).sort();

describe(`digest sent once per period (${POSTGRES_SERVER_AVAILABLE ? 'two instances on one PostgreSQL database' : 'PGlite, one process'})`, () => {
  let test: TestDatabase;
  let smtp: SmtpCapture;
  const instances: Instance[] = [];

  beforeEach(async () => {
    test = await createTestDatabase();
    smtp = await startSmtpCapture();
    await seedKnownWeek(test.db.knex);
  });

  afterEach(async () => {
    for (const instance of instances.splice(0)) await instance.stop();
    await smtp.close();
    await test.drop();
  });

  it('two instances starting together after downtime send last week and last month exactly once', async () => {
    // The service was down on Monday 07:30 and on the 1st 08:00; both instances come up on Tuesday.
    const clock = { now: hanoi('2026-11-24T10:00:00') };
    const a = await startInstance(test, smtp, clock);
    const b = await startInstance(test, smtp, clock);
    instances.push(a, b);
    a.scheduler.start();
    b.scheduler.start();
    await Promise.all([a.scheduler.caughtUp, b.scheduler.caughtUp]);
    // Many more concurrent attempts at the same periods change nothing.
    await Promise.all([
      a.scheduler.sweep(),
      b.scheduler.sweep(),
      a.scheduler.runDue('weekly'),
      b.scheduler.runDue('weekly'),
    ]);
    assert.equal(smtp.received.length, 2);
    assert.deepEqual(subjects(smtp), [
      'Báo cáo tháng 10/2026 — Đường dây nóng Chủ tịch UBND quận Bắc Từ Liêm',
      'Báo cáo tuần 2026-W47 — Đường dây nóng Chủ tịch UBND quận Bắc Từ Liêm',
    ]);
    const rows = await test.db.knex('digests').orderBy('kind').select('kind', 'period', 'status', 'attempts');
    assert.deepEqual(rows, [
      { kind: 'monthly', period: '2026-10', status: 'sent', attempts: 1 },
      { kind: 'weekly', period: '2026-W47', status: 'sent', attempts: 1 },
    ]);
  });

  it('a first start sends no digest of a week or month that began before the installation', async () => {
    // Installed on Wednesday of week 47; the last week and the last month began before that.
    await installedOn(test.db.knex, hanoi('2026-11-18T15:00:00'));
    const clock = { now: hanoi('2026-11-24T10:00:00') };
    const instance = await startInstance(test, smtp, clock);
    instances.push(instance);
    instance.scheduler.start();
    await instance.scheduler.caughtUp;
    assert.equal(await instance.scheduler.runDue('weekly'), null, 'settled: not asked again');
    assert.equal(smtp.received.length, 0);
    assert.deepEqual(await test.db.knex('digests').select('period'), [], 'nothing claimed either');
    // The first week wholly after the installation is reported.
    clock.now = hanoi('2026-12-07T07:30:00');
    assert.equal((await instance.scheduler.runDue('weekly'))?.status, 'sent');
    assert.deepEqual(subjects(smtp), [
      'Báo cáo tuần 2026-W49 — Đường dây nóng Chủ tịch UBND quận Bắc Từ Liêm',
    ]);
  });

  it('a restart after the digest went out sends nothing again', async () => {
    const clock = { now: hanoi('2026-11-23T07:30:00') };
    const first = await startInstance(test, smtp, clock);
    first.scheduler.start();
    await first.scheduler.caughtUp;
    await first.stop();
    clock.now = hanoi('2026-11-25T09:00:00');
    const second = await startInstance(test, smtp, clock);
    instances.push(second);
    second.scheduler.start();
    await second.scheduler.caughtUp;
    assert.equal(smtp.received.length, 2, 'the weekly digest and the monthly report, once each');
  });

  it('does not send a week before its scheduled time (Monday 06:00 for a 07:30 digest)', async () => {
    const clock = { now: hanoi('2026-11-23T06:00:00') };
    const instance = await startInstance(test, smtp, clock);
    instances.push(instance);
    instance.scheduler.start();
    await instance.scheduler.caughtUp;
    assert.deepEqual(subjects(smtp), [
      'Báo cáo tháng 10/2026 — Đường dây nóng Chủ tịch UBND quận Bắc Từ Liêm',
    ]);
    clock.now = hanoi('2026-11-23T07:30:00');
    await instance.scheduler.runDue('weekly');
    assert.equal(smtp.received.length, 2);
  });

  it('a failed send shows in health, waits for its backoff, then is retried and recorded', async () => {
    const clock = { now: hanoi('2026-11-23T07:30:00') };
    smtp.failNext(1);
    const instance = await startInstance(test, smtp, clock);
    instances.push(instance);
    instance.scheduler.start();
    await instance.scheduler.caughtUp;
    // The weekly digest went first and failed; the monthly report went through.
    const failed = await test.db.knex('digests').where({ kind: 'weekly' }).first();
    assert.equal(failed.status, 'failed');
    assert.equal(failed.attempts, 1);
    assert.match(failed.last_error, /mailbox busy/);
    const health = instance.health.health();
    assert.equal(health.status, 'down');
    assert.equal(health.pendingRetries, 1);
    assert.match(String((health.lastError as { message: string }).message), /mailbox busy/);

    assert.equal(
      (await instance.scheduler.runDue('weekly'))?.status,
      'skipped',
      'within the first minute of backoff',
    );
    clock.now = new Date(clock.now.getTime() + 61_000);
    assert.equal((await instance.scheduler.runDue('weekly'))?.status, 'sent');
    const sent = await test.db.knex('digests').where({ kind: 'weekly' }).first();
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 2);
    assert.equal(instance.health.health().status, 'up');
    assert.equal(instance.health.health().pendingRetries, 0);
    assert.equal(smtp.received.length, 2);
  });

  it('with no recipient, warns once per period and shows it in health, then sends once an address is set', async () => {
    const clock = { now: hanoi('2026-11-23T07:30:00') };
    const log = capturedLogger('debug');
    await test.db.knex('settings').where({ key: 'admin_email' }).delete();
    const instance = await startInstance(test, smtp, clock, { digestTo: null, logger: log.logger });
    instances.push(instance);
    instance.scheduler.start();
    await instance.scheduler.caughtUp;
    await instance.scheduler.sweep();
    await instance.scheduler.sweep();
    const lines = log.lines().filter((line) => String(line.message).startsWith('no digest recipient'));
    assert.deepEqual(
      lines.map((line) => `${line.level} ${line.digest}`),
      ['warn weekly', 'warn monthly', 'debug weekly', 'debug monthly', 'debug weekly', 'debug monthly'],
    );
    assert.equal(instance.health.health().status, 'down');
    assert.equal(smtp.received.length, 0);
    await test.db
      .knex('settings')
      .insert({ key: 'admin_email', value: JSON.stringify('noivu@example.gov.vn') })
      .onConflict('key')
      .merge();
    await instance.scheduler.sweep();
    assert.equal(smtp.received.length, 2);
    assert.equal(instance.health.health().status, 'up');
  });
});
