import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { parsePeriod } from '../../core/digest/digest.period';
import { createSilentLogger } from '../../core/logger';
import { DigestSender } from '../../server/jobs/digest.sender';
import { MailHealth } from '../../server/mail/mail.health';
import type { Mailer } from '../../server/mail/mail.transport';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { hanoi, seedKnownWeek } from './digest.fixture';

const TZ = 'Asia/Ho_Chi_Minh';

describe('digest mail and the confidentiality rule', () => {
  let test: TestDatabase;
  let rendered: Awaited<ReturnType<DigestSender['render']>>;
  let secretCode: string;

  before(async () => {
    test = await createTestDatabase();
    await seedKnownWeek(test.db.knex);
    const secret = await test.db
      .knex('tickets')
      .where({ needs_callback: true })
      .orderBy('received_at')
      .first('id', 'code');
    secretCode = secret.code;
    await test.db
      .knex('tickets')
      .where({ id: secret.id })
      .update({ confidential: true, caller_number: '+84911222333', summary: 'Phản ánh cán bộ thu tiền' });
    const mailer = { description: 'none', send: async () => assert.fail('not sent'), close() {} };
    const sender = new DigestSender({
      knex: test.db.knex,
      mailer: mailer as unknown as Mailer,
      health: new MailHealth('none'),
      logger: createSilentLogger(),
      timeZone: TZ,
      publicUrl: 'https://hotline.example.vn',
      digestTo: 'noivu@example.gov.vn',
      mailFrom: 'hotline@quan.example.vn',
      now: () => hanoi('2026-11-23T07:30:00'),
    });
    const period = parsePeriod('weekly', '2026-W47', TZ);
    assert.ok(period);
    rendered = await sender.render(period);
  });
  after(async () => test?.drop());

  it('lists a confidential callback without a single digit of its caller', () => {
    for (const body of [rendered.text, rendered.html]) {
      const line = body.split(/\r?\n|<tr/).find((part) => part.includes(secretCode));
      assert.ok(line, `${secretCode} is listed`);
      assert.match(line, /phản ánh kín/);
      assert.doesNotMatch(line, /\*\*\*|911|333/);
      assert.doesNotMatch(body, /thu tiền/);
    }
  });

  it('attaches a call log with every caller masked and the confidential ticket without caller or text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(rendered.xlsx.content as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    assert.ok(sheet);
    const rows: Array<[unknown, unknown, unknown]> = [];
    sheet.eachRow((row, index) => {
      if (index > 1) rows.push([row.getCell(1).value, row.getCell(6).value, row.getCell(15).value]);
    });
    const secret = rows.find(([code]) => code === secretCode);
    assert.deepEqual(secret, [secretCode, 'phản ánh kín', '(phản ánh kín — xem trên hệ thống)']);
    for (const [code, caller] of rows) {
      if (code !== secretCode && caller !== null)
        assert.match(String(caller), /^0\*\*\*\d{3}$/, `${code}: ${caller}`);
    }
  });
});
