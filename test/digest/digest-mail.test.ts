import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { parsePeriod } from '../../core/digest/digest.period';
import { createSilentLogger } from '../../core/logger';
import { DigestSender } from '../../server/jobs/digest.sender';
import { MailHealth } from '../../server/mail/mail.health';
import { createMailer, type Mailer } from '../../server/mail/mail.transport';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { HOTLINE_NAME, hanoi, seedKnownWeek } from './digest.fixture';
import { decodeWords, leaves, parseMime, partOfType } from './mime.fixture';
import { type SmtpCapture, startSmtpCapture } from './smtp.fixture';

const TZ = 'Asia/Ho_Chi_Minh';

describe('weekly digest through a real SMTP server', () => {
  let test: TestDatabase;
  let smtp: SmtpCapture;
  let mailer: Mailer;
  let health: MailHealth;

  before(async () => {
    test = await createTestDatabase();
    smtp = await startSmtpCapture();
    await seedKnownWeek(test.db.knex);
    mailer = createMailer({
      smtpUrl: smtp.url,
      dataDir: '/nonexistent',
      from: 'Đường dây nóng <hotline@quan.example.vn>',
      logger: createSilentLogger(),
    });
    health = new MailHealth(mailer.description);
    const sender = new DigestSender({
      knex: test.db.knex,
      mailer,
      health,
      logger: createSilentLogger(),
      timeZone: TZ,
      publicUrl: 'https://hotline.example.vn',
      digestTo: undefined,
      mailFrom: 'Đường dây nóng <hotline@quan.example.vn>',
      now: () => hanoi('2026-11-23T07:30:00'),
    });
    const period = parsePeriod('weekly', '2026-W47', TZ);
    assert.ok(period);
    const result = await sender.sendOnce(period);
    assert.equal(result.status, 'sent');
  });

  after(async () => {
    mailer.close();
    await smtp.close();
    await test.drop();
  });

  it('reaches the admin_email address once, with a Vietnamese subject encoded per RFC 2047', () => {
    assert.equal(smtp.received.length, 1);
    const mail = smtp.received[0];
    assert.ok(mail);
    assert.deepEqual(mail.to, ['noivu@example.gov.vn']);
    const root = parseMime(mail.raw);
    const subject = root.headers.get('subject') ?? '';
    assert.match(subject, /=\?UTF-8\?[QB]\?/i, 'the raw subject is encoded');
    assert.equal(decodeWords(subject), `Báo cáo tuần 2026-W47 — ${HOTLINE_NAME}`);
    assert.equal(root.headers.get('message-id'), '<digest.weekly.2026-W47@quan.example.vn>');
    assert.match(decodeWords(root.headers.get('from') ?? ''), /Đường dây nóng <hotline@quan\.example\.vn>/);
    assert.match(root.headers.get('content-type') ?? '', /^multipart\/mixed/);
  });

  it('has a plain-text part and an HTML part with the per-unit figures of the tickets created', () => {
    const root = parseMime(smtp.received[0]?.raw ?? '');
    const text = partOfType(root, 'text/plain')?.body.toString('utf8') ?? '';
    const html = partOfType(root, 'text/html')?.body.toString('utf8') ?? '';
    const lines = text.split(/\r?\n/);
    const unitAt = lines.indexOf('1. UBND phường Cổ Nhuế 1');
    // calls 6, answered 50%, open 3, overdue 2; median wait 20 s, worst 40 s; missed, voicemail, abandoned 1 each
    assert.deepEqual(lines.slice(unitAt + 1, unitAt + 5), [
      '  6 cuộc gọi, nghe máy 50%; đang mở 3, quá hạn 2; không hài lòng 50%',
      '  chờ trung vị 20 giây, lâu nhất 40 giây',
      '  cuộc gọi nhỡ 1, lời nhắn 1, người gọi bỏ máy 1',
      '  đánh giá: 1 rất hài lòng, 0 hài lòng, 1 không hài lòng',
    ]);
    for (const part of [text, html]) assert.doesNotMatch(part, /ĐG 1\/2\/3|Đánh giá 1\/2\/3|1\/0\/1/);
    assert.match(text, /Cuộc gọi\s+8\s+\+6 \(\+300%\)/);
    assert.match(text, /Người dân đang chờ gọi lại \(3\)/);
    assert.match(
      html,
      /<td colspan="5" class="unit"[^>]*>1\. UBND phường Cổ Nhuế 1<\/td><\/tr><tr><td[^>]*>6<\/td><td[^>]*>50%<\/td><td[^>]*>3<\/td>/,
    );
    assert.match(
      html,
      /<a href="https:\/\/hotline\.example\.vn\/#\/tickets\/\d+"[^>]*>HL-2026-\d{6}<\/a>/,
      'ticket codes open the ticket in the app',
    );
    assert.match(text, /https:\/\/hotline\.example\.vn\/#\/tickets\/\d+/);
    assert.match(html, /Phản ánh quá hạn theo đơn vị \(2\)/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /bgcolor="#2b6cb0"/, 'bars are coloured table cells');
  });

  it('attaches the week call log as XLSX that reads back with exceljs', async () => {
    const root = parseMime(smtp.received[0]?.raw ?? '');
    const attachment = leaves(root).find((part) =>
      (part.headers.get('content-type') ?? '').startsWith('application/vnd.openxmlformats'),
    );
    assert.ok(attachment, 'an XLSX attachment');
    assert.match(attachment.headers.get('content-disposition') ?? '', /nhat-ky-cuoc-goi-2026-W47\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(attachment.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    assert.ok(sheet);
    assert.equal(sheet.name, '2026-W47');
    assert.equal(sheet.getRow(1).getCell(1).value, 'Mã phản ánh');
    assert.equal(sheet.actualRowCount, 1 + 8, 'a header and the 8 calls of the week');
    const units = new Set<string>();
    sheet.eachRow((row, index) => {
      if (index > 1) units.add(String(row.getCell(5).value ?? ''));
    });
    assert.ok(units.has('UBND phường Cổ Nhuế 1'));
  });

  it('records the digest as sent with its recipients and message id', async () => {
    const row = await test.db.knex('digests').where({ kind: 'weekly', period: '2026-W47' }).first();
    assert.equal(row.status, 'sent');
    assert.deepEqual(row.recipients, ['noivu@example.gov.vn']);
    assert.equal(row.message_id, '<digest.weekly.2026-W47@quan.example.vn>');
    assert.equal(row.attempts, 1);
    assert.equal(health.health().status, 'up');
  });
});
