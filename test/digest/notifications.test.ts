import assert from 'node:assert/strict';
import { type Database, openDatabase } from '../../core/db/database';
import { createSilentLogger } from '../../core/logger';
import { TicketsRepository } from '../../server/api/tickets/tickets.repo';
import { NotificationsJob } from '../../server/jobs/notifications.job';
import { MailHealth } from '../../server/mail/mail.health';
import { createMailer } from '../../server/mail/mail.transport';
import { createTestDatabase, POSTGRES_SERVER_AVAILABLE, type TestDatabase } from '../support/database';
import { addTicket, addUnit, hanoi, INSTALLED, installedOn, setSetting } from './digest.fixture';
import { decodeWords, parseMime, partOfType } from './mime.fixture';
import { type SmtpCapture, startSmtpCapture } from './smtp.fixture';

const TZ = 'Asia/Ho_Chi_Minh';
const ADMIN = 'noivu@example.gov.vn';

interface Sent {
  to: string[];
  subject: string;
  text: string;
}

const sent = (smtp: SmtpCapture): Sent[] =>
  smtp.received.map((mail) => {
    const root = parseMime(mail.raw);
    return {
      to: mail.to,
      subject: decodeWords(root.headers.get('subject') ?? ''),
      text: partOfType(root, 'text/plain')?.body.toString('utf8') ?? '',
    };
  });

describe(`ticket notifications and reminders (${POSTGRES_SERVER_AVAILABLE ? 'two instances on PostgreSQL' : 'PGlite'})`, () => {
  let test: TestDatabase;
  let smtp: SmtpCapture;
  const clock = { now: hanoi('2026-11-24T08:00:00') };
  const closers: (() => Promise<void>)[] = [];
  let units: { coNhue: number; xuanDinh: number };

  async function instance(): Promise<NotificationsJob> {
    const db: Database = test.url
      ? await openDatabase({ kind: 'postgres', url: test.url, poolMax: 3 })
      : test.db;
    const logger = createSilentLogger();
    const mailer = createMailer({
      smtpUrl: smtp.url,
      dataDir: '/nonexistent',
      from: 'Hotline <hotline@example.vn>',
      logger,
    });
    const job = new NotificationsJob({
      knex: db.knex,
      mailer,
      health: new MailHealth(mailer.description),
      logger,
      timeZone: TZ,
      publicUrl: 'https://hotline.example.vn',
      reminderCron: '0 8 * * *',
      escalateAfterDays: 3,
      adminEmail: async () => ADMIN,
      now: () => clock.now,
    });
    closers.push(async () => {
      mailer.close();
      if (db !== test.db) await db.close();
    });
    return job;
  }

  beforeEach(async () => {
    clock.now = hanoi('2026-11-24T08:00:00');
    test = await createTestDatabase();
    smtp = await startSmtpCapture();
    await installedOn(test.db.knex, INSTALLED);
    await setSetting(test.db.knex, 'admin_email', ADMIN);
    units = {
      coNhue: await addUnit(test.db.knex, '1', 'UBND phường Cổ Nhuế 1', [
        'conhue1@example.gov.vn',
        'vp.conhue1@example.gov.vn',
      ]),
      xuanDinh: await addUnit(test.db.knex, '2', 'UBND phường Xuân Đỉnh'),
    };
  });

  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await smtp.close();
    await test.drop();
  });

  it('sends one notice per missed call, voicemail and "not satisfied" rating, once, with a link', async () => {
    const k = test.db.knex;
    const recent = hanoi('2026-11-24T07:00:00');
    const missed = await addTicket(k, {
      unit_id: units.coNhue,
      received_at: recent,
      outcome: 'missed',
      status: 'new',
    });
    const voicemail = await addTicket(k, {
      unit_id: units.xuanDinh,
      received_at: recent,
      outcome: 'voicemail',
      status: 'new',
    });
    const unhappy = await addTicket(k, {
      unit_id: units.coNhue,
      received_at: recent,
      outcome: 'answered',
      rating: 3,
    });
    await addTicket(k, { unit_id: units.coNhue, received_at: recent, outcome: 'answered', rating: 1 });
    await addTicket(k, {
      unit_id: units.coNhue,
      received_at: hanoi('2026-11-20T07:00:00'),
      outcome: 'missed',
      status: 'closed',
    });

    const [a, b] = [await instance(), await instance()];
    await Promise.all([a.poll(), b.poll(), a.poll(), b.poll()]);
    await Promise.all([a.poll(), b.poll()]);

    const mails = sent(smtp).sort((x, y) => x.subject.localeCompare(y.subject));
    assert.deepEqual(
      mails.map((m) => [m.subject, m.to]),
      [
        [
          `[${missed.code}] Cuộc gọi nhỡ — UBND phường Cổ Nhuế 1`,
          ['conhue1@example.gov.vn', 'vp.conhue1@example.gov.vn'],
        ],
        [`[${voicemail.code}] Lời nhắn thoại mới — UBND phường Xuân Đỉnh`, [ADMIN]],
        [
          `[${unhappy.code}] Người dân không hài lòng — UBND phường Cổ Nhuế 1`,
          ['conhue1@example.gov.vn', 'vp.conhue1@example.gov.vn'],
        ],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    const missedMail = mails.find((m) => m.subject.includes(missed.code));
    assert.match(missedMail?.text ?? '', new RegExp(`https://hotline\\.example\\.vn/#/tickets/${missed.id}`));
    assert.doesNotMatch(missedMail?.text ?? '', /912345678/, 'the caller number is masked');
    const rows = await k('notifications')
      .where({ status: 'sent' })
      .count<{ count: number }>({ count: '*' })
      .first();
    assert.equal(Number(rows?.count), 3);
  });

  it('tells the unit a ticket was transferred to, once per transfer', async () => {
    const k = test.db.knex;
    const moved = await addTicket(k, {
      unit_id: units.coNhue,
      received_at: hanoi('2026-11-24T07:00:00'),
      outcome: 'answered',
      rating: 1,
    });
    const tickets = new TicketsRepository(k);
    await tickets.enqueueTransferNotice(moved.id, units.coNhue, 'transfer:1', clock.now);
    await tickets.enqueueTransferNotice(moved.id, units.coNhue, 'transfer:1', clock.now);
    const job = await instance();
    await job.poll();
    await job.poll();
    assert.deepEqual(
      sent(smtp).map((m) => [m.subject, m.to]),
      [
        [
          `[${moved.code}] Phản ánh được chuyển đến đơn vị — UBND phường Cổ Nhuế 1`,
          ['conhue1@example.gov.vn', 'vp.conhue1@example.gov.vn'],
        ],
      ],
    );
  });

  it('sends no notice or reminder for tickets received before the installation (imported history)', async () => {
    const k = test.db.knex;
    await installedOn(k, hanoi('2026-11-24T06:00:00'));
    const imported = (at: string, fields: Partial<Parameters<typeof addTicket>[1]>) =>
      addTicket(k, { unit_id: units.coNhue, received_at: hanoi(at), status: 'new', ...fields });
    await imported('2026-11-24T05:00:00', { outcome: 'missed' });
    await imported('2026-11-23T20:00:00', { outcome: 'voicemail', rating: 3 });
    await imported('2026-11-10T09:00:00', { outcome: 'missed', due_at: hanoi('2026-11-12T09:00:00') });
    await imported('2026-11-11T09:00:00', { outcome: 'answered', due_at: hanoi('2026-11-13T09:00:00') });
    const live = await addTicket(k, {
      unit_id: units.xuanDinh,
      received_at: hanoi('2026-11-24T07:00:00'),
      outcome: 'missed',
      status: 'new',
    });

    const job = await instance();
    await job.remindAndPoll();
    await job.poll();
    assert.deepEqual(
      sent(smtp).map((m) => m.subject),
      [`[${live.code}] Cuộc gọi nhỡ — UBND phường Xuân Đỉnh`],
      'only the call taken after the installation',
    );
  });

  it('reminds each unit of its overdue tickets once a day and escalates those overdue 3+ days to Home Affairs', async () => {
    const k = test.db.knex;
    const day = hanoi('2026-11-01T09:00:00');
    const late1 = await addTicket(k, {
      unit_id: units.coNhue,
      received_at: day,
      status: 'new',
      due_at: hanoi('2026-11-23T09:00:00'),
    });
    const late5 = await addTicket(k, {
      unit_id: units.xuanDinh,
      received_at: day,
      status: 'in_progress',
      due_at: hanoi('2026-11-19T09:00:00'),
    });
    await addTicket(k, {
      unit_id: units.coNhue,
      received_at: day,
      status: 'resolved',
      due_at: hanoi('2026-11-19T09:00:00'),
    });
    await addTicket(k, {
      unit_id: units.coNhue,
      received_at: day,
      status: 'new',
      due_at: hanoi('2026-11-30T09:00:00'),
    });

    const [a, b] = [await instance(), await instance()];
    await Promise.all([a.remindAndPoll(), b.remindAndPoll()]);
    await Promise.all([a.remindAndPoll(), b.remindAndPoll()]);
    let mails = sent(smtp);
    assert.equal(mails.length, 3);
    const coNhue = mails.find((m) => m.subject === 'Nhắc việc: 1 phản ánh quá hạn — UBND phường Cổ Nhuế 1');
    assert.deepEqual(coNhue?.to, ['conhue1@example.gov.vn', 'vp.conhue1@example.gov.vn']);
    assert.match(coNhue?.text ?? '', new RegExp(late1.code));
    const xuanDinh = mails.find((m) => m.subject === 'Nhắc việc: 1 phản ánh quá hạn — UBND phường Xuân Đỉnh');
    assert.deepEqual(xuanDinh?.to, [ADMIN], 'a unit without addresses is reminded through Home Affairs');
    const escalation = mails.find((m) => m.subject.startsWith('Báo cáo lên cấp trên'));
    assert.equal(escalation?.subject, 'Báo cáo lên cấp trên: 1 phản ánh quá hạn hơn 3 ngày');
    assert.deepEqual(escalation?.to, [ADMIN]);
    assert.match(escalation?.text ?? '', new RegExp(late5.code));
    assert.doesNotMatch(escalation?.text ?? '', new RegExp(late1.code), 'one day late is not escalated yet');

    clock.now = hanoi('2026-11-25T08:00:00');
    await Promise.all([a.remindAndPoll(), b.remindAndPoll()]);
    mails = sent(smtp);
    assert.equal(mails.length, 6, 'the next day brings the reminders and the escalation again');
  });
});
