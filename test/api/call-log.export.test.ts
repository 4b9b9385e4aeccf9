import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CALL_LOG_HEADERS, writeCallLogCsv, writeCallLogXlsx } from '../../core/reports/call-log.export';
import type { CallLogRow } from '../../core/tickets/ticket-record';

const ZONE = 'Asia/Ho_Chi_Minh';

function row(overrides: Partial<CallLogRow> = {}): CallLogRow {
  return {
    code: 'HL-2026-000001',
    channel: 'phone',
    receivedAt: new Date('2026-11-16T01:02:03Z'),
    unitCode: '1',
    unitName: 'Phường Phúc Diễn',
    callerNumber: '0***678',
    outcome: 'answered',
    waitSeconds: 12,
    talkSeconds: 95,
    answeredByName: 'Nguyễn Văn Ánh',
    rating: 3,
    status: 'in_progress',
    needsCallback: true,
    category: 'Đất đai',
    summary: 'Hỏi về sổ đỏ, "gấp"',
    dueAt: new Date('2026-11-18T10:00:00Z'),
    ...overrides,
  };
}

async function* rowsOf(rows: CallLogRow[]): AsyncIterable<CallLogRow> {
  for (const item of rows) yield item;
}

/** Collects what a writer sends to its stream, and checks the writer ended it. */
function sink(): { out: PassThrough; done: Promise<Buffer> } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => out.on('end', () => resolve(Buffer.concat(chunks))));
  return { out, done };
}

describe('call log export', () => {
  it('writes an XLSX sheet with Vietnamese headers and one row per ticket, times in local wall-clock', async () => {
    const { out, done } = sink();
    const second = row({
      code: 'HL-2026-000002',
      outcome: 'missed',
      rating: null,
      needsCallback: false,
      answeredByName: null,
      summary: null,
      dueAt: null,
      status: 'new',
    });
    await writeCallLogXlsx(rowsOf([row(), second]), out, { sheetName: 'Tháng 11', timeZone: ZONE });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await done) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Tháng 11');
    assert.ok(sheet, 'the sheet carries the given name');
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [...CALL_LOG_HEADERS]);
    assert.equal(sheet.rowCount, 3);
    const first = (sheet.getRow(2).values as unknown[]).slice(1);
    assert.deepEqual(first, [
      'HL-2026-000001',
      new Date('2026-11-16T08:02:03Z'),
      'Cuộc gọi',
      '1',
      'Phường Phúc Diễn',
      '0***678',
      'Đã nghe máy',
      12,
      95,
      'Nguyễn Văn Ánh',
      'Không hài lòng',
      'Đang xử lý',
      'Có',
      'Đất đai',
      'Hỏi về sổ đỏ, "gấp"',
      new Date('2026-11-18T17:00:00Z'),
    ]);
    const missed = sheet.getRow(3);
    assert.equal(missed.getCell(7).value, 'Cuộc gọi nhỡ');
    assert.equal(missed.getCell(11).value, null);
    assert.equal(missed.getCell(12).value, 'Mới');
    assert.equal(missed.getCell(13).value, 'Không');
    assert.equal(sheet.getRow(2).getCell(2).numFmt, 'dd/mm/yyyy hh:mm:ss');
  });

  it('turns a sheet name Excel would refuse into one it accepts', async () => {
    const { out, done } = sink();
    await writeCallLogXlsx(rowsOf([row()]), out, {
      sheetName: 'Tuần 2026/W47: [tất cả] đơn vị?',
      timeZone: ZONE,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await done) as unknown as ExcelJS.Buffer);
    assert.deepEqual(
      workbook.worksheets.map((sheet) => sheet.name),
      ['Tuần 2026-W47- -tất cả- đơn vị-'],
    );
  });

  it('writes CSV in UTF-8 with a byte-order mark, quoted where needed, formulas defused', async () => {
    const { out, done } = sink();
    const risky = row({
      code: 'HL-2026-000003',
      channel: 'web-feedback',
      summary: '=HYPERLINK("http://x")',
      category: '+84 gọi lại',
    });
    await writeCallLogCsv(rowsOf([row(), risky]), out, { sheetName: 'unused', timeZone: ZONE });
    const bytes = await done;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    assert.equal(lines.length, 4, 'header, two rows and the empty tail after the last CRLF');
    assert.equal(lines[0], CALL_LOG_HEADERS.join(','));
    assert.equal(
      lines[1],
      'HL-2026-000001,2026-11-16 08:02:03,Cuộc gọi,1,Phường Phúc Diễn,0***678,Đã nghe máy,12,95,Nguyễn Văn Ánh,' +
        'Không hài lòng,Đang xử lý,Có,Đất đai,"Hỏi về sổ đỏ, ""gấp""",2026-11-18 17:00:00',
    );
    assert.match(lines[2] ?? '', /^HL-2026-000003,2026-11-16 08:02:03,Phản ánh qua trang web,1,/);
    assert.match(lines[2] ?? '', /,'\+84 gọi lại,"'=HYPERLINK\(""http:\/\/x""\)",/);
    assert.equal(lines[3], '');
  });

  for (const [format, write] of [
    ['xlsx', writeCallLogXlsx],
    ['csv', writeCallLogCsv],
  ] as const) {
    it(`${format}: sends most of the file before the last row is produced (streams, holds no log)`, async () => {
      const total = 5000;
      let receivedBeforeLastRow = 0;
      let received = 0;
      async function* many(): AsyncIterable<CallLogRow> {
        for (let i = 1; i <= total; i += 1) {
          if (i === total) receivedBeforeLastRow = received;
          yield row({ code: `HL-2026-${String(i).padStart(6, '0')}` });
        }
      }
      const out = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          received += chunk.length;
          callback();
        },
      });
      const finished = new Promise((resolve) => out.on('finish', resolve));
      await write(many(), out, { sheetName: 'Log', timeZone: ZONE });
      await finished;
      assert.ok(receivedBeforeLastRow > received / 2, `${receivedBeforeLastRow} of ${received} bytes`);
    });
  }
});
