import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import cron from 'node-cron';
import { loadConfig } from '../../core/config';
import { formatChange, formatSeconds } from '../../core/digest/digest.format';
import { escapeHtml } from '../../core/digest/digest.html';
import { duePeriod, isReportable, parsePeriod } from '../../core/digest/digest.period';
import { createLogger } from '../../core/logger';
import { cronFiredBetween, cronTimesOf } from '../../server/jobs/cron-fired';
import { createJobs } from '../../server/jobs/jobs';
import { openTestDatabase } from '../support/database';
import { makeTempDir } from '../support/processes';
import { hanoi, seedKnownWeek } from './digest.fixture';
import { decodeWords, parseMime } from './mime.fixture';

const TZ = 'Asia/Ho_Chi_Minh';

describe('digest rules', () => {
  const weekly = cron.createTask('30 7 * * 1', () => undefined, { timezone: TZ });
  const monthly = cron.createTask('0 8 1 * *', () => undefined, { timezone: TZ });
  after(() => Promise.all([weekly.destroy(), monthly.destroy()]));

  const cases: { now: string; kind: 'weekly' | 'monthly'; due: string | null }[] = [
    { now: '2026-11-23T07:29:00', kind: 'weekly', due: null },
    { now: '2026-11-23T07:30:00', kind: 'weekly', due: '2026-W47' },
    { now: '2026-11-29T23:59:00', kind: 'weekly', due: '2026-W47' },
    { now: '2026-12-28T07:31:00', kind: 'weekly', due: '2026-W52' },
    { now: '2027-01-04T08:00:00', kind: 'weekly', due: '2026-W53' },
    { now: '2026-12-01T07:59:00', kind: 'monthly', due: null },
    { now: '2026-12-01T08:00:00', kind: 'monthly', due: '2026-11' },
    { now: '2027-01-15T12:00:00', kind: 'monthly', due: '2026-12' },
  ];
  for (const { now, kind, due } of cases) {
    it(`${kind} at ${now} (Hà Nội): ${due ?? 'nothing due yet'}`, () => {
      const task = kind === 'weekly' ? weekly : monthly;
      const times = cronTimesOf(kind === 'weekly' ? '30 7 * * 1' : '0 8 1 * *', (minute) =>
        task.match(minute),
      );
      const at = hanoi(now);
      assert.equal(
        duePeriod(kind, at, TZ, (start) => cronFiredBetween(times, TZ, start, at))?.label ?? null,
        due,
      );
    });
  }

  const reportable: { period: string; installed: string; first: string | null; sent: boolean }[] = [
    { period: '2026-W47', installed: '2026-11-10T10:00:00', first: '2026-11-10T11:00:00', sent: true },
    { period: '2026-W46', installed: '2026-11-10T10:00:00', first: '2026-11-10T11:00:00', sent: false },
    { period: '2026-W47', installed: '2026-11-10T10:00:00', first: '2026-11-18T08:00:00', sent: false },
    { period: '2026-W47', installed: '2026-11-10T10:00:00', first: null, sent: false },
    { period: '2026-W47', installed: '2026-11-20T10:00:00', first: '2025-01-01T08:00:00', sent: false },
    { period: '2026-11', installed: '2026-11-01T00:00:00', first: '2026-11-01T00:00:00', sent: true },
  ];
  for (const { period, installed, first, sent } of reportable) {
    it(`${period}, installed ${installed}, first ticket ${first ?? 'none'}: ${sent ? 'a digest' : 'no digest'}`, () => {
      const kind = period.includes('W') ? 'weekly' : 'monthly';
      const parsed = parsePeriod(kind, period, TZ);
      assert.ok(parsed);
      const start = { installedAt: hanoi(installed), firstTicketAt: first ? hanoi(first) : null };
      assert.equal(isReportable(parsed, start), sent);
    });
  }

  const changes: [number, number, string][] = [
    [8, 2, '+6 (+300%)'],
    [2, 8, '−6 (−75%)'],
    [5, 5, '0'],
    [3, 0, '+3 (mới)'],
  ];
  for (const [now, before, shown] of changes) {
    it(`change from ${before} to ${now} reads ${shown}`, () =>
      assert.equal(formatChange(now, before), shown));
  }

  it('durations and escaping', () => {
    assert.equal(formatSeconds(null), '—');
    assert.equal(formatSeconds(15.4), '15 giây');
    assert.equal(formatSeconds(65), '1 phút 05 giây');
    assert.equal(
      escapeHtml('<b>"Đất" & \'nhà\'</b>'),
      '&lt;b&gt;&quot;Đất&quot; &amp; &#39;nhà&#39;&lt;/b&gt;',
    );
    assert.equal(escapeHtml('Đ\u0300'.normalize('NFD')), 'Đ\u0300'.normalize('NFC'));
  });
});

describe('the jobs without SMTP_URL', () => {
  it('writes the due digests and reminders as .eml files under DATA_DIR/outbox and says so in the log', async () => {
    const dir = makeTempDir('jobs-outbox');
    const test = await openTestDatabase('pglite');
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding: string, done: () => void) {
        lines.push(chunk.toString());
        done();
      },
    });
    try {
      await seedKnownWeek(test.db.knex);
      const config = loadConfig({ DATA_DIR: dir.path, MAIL_FROM: 'Hotline <hotline@quan.example.vn>' });
      const jobs = createJobs({
        config,
        db: test.db,
        logger: createLogger({ level: 'info', format: 'json', stream }),
        now: () => hanoi('2026-11-23T08:00:00'),
      });
      jobs.start();
      await jobs.caughtUp;
      const health = jobs.health.health();
      await jobs.stop();
      const outbox = path.join(dir.path, 'outbox');
      const files = readdirSync(outbox).sort();
      const subjects = files
        .map((file) =>
          decodeWords(parseMime(readFileSync(path.join(outbox, file), 'utf8')).headers.get('subject') ?? ''),
        )
        .map((subject) => subject.replace(/ — .*/, ''))
        .sort();
      // Monday 08:00: the digest (07:30) and the report (the 1st) were missed while down; the
      // reminders' 08:00 has come, and Cổ Nhuế 1 has two overdue tickets, one over 3 days late;
      // a call missed at midnight is within the notices' look-back.
      assert.deepEqual(subjects.map((subject) => subject.replace(/^\[HL-\d{4}-\d{6}\] /, '')).sort(), [
        'Báo cáo lên cấp trên: 1 phản ánh quá hạn hơn 3 ngày',
        'Báo cáo tháng 10/2026',
        'Báo cáo tuần 2026-W47',
        'Cuộc gọi nhỡ',
        'Nhắc việc: 2 phản ánh quá hạn',
      ]);
      assert.ok(lines.some((line) => line.includes(`mail written to ${outbox}`)));
      assert.equal(health.status, 'up');
      assert.equal(health.transport, `files under ${outbox}`);
      assert.equal(jobs.health.name, 'mail');
    } finally {
      await test.drop();
      dir.remove();
    }
  });
});
