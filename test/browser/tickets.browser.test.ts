import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';

describe('admin UI in chromium: call log and ticket page', function () {
  this.timeout(60_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });
  let answeredCode: string;

  before(async () => {
    answeredCode = (
      await ui.app().db.db.knex('tickets').where({ id: ui.app().tickets.answered }).first('code')
    ).code;
  });

  it('lists every call, then only the chosen unit once filtered', async () => {
    const { page } = ui.browser();
    await page.goto('/#/calls');
    const rows = page.locator('table.calls tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 16);
    await page.getByLabel('Đơn vị', { exact: true }).selectOption('1');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.getByText('Đang hiển thị 4 cuộc gọi').waitFor();
    assert.match(page.url(), /#\/calls\?unit=1$/, 'the filters are in the address, so Back keeps them');
    const units = await rows.locator('td[data-label="Đơn vị"]').allTextContents();
    assert.deepEqual([...new Set(units)], ['UBND phường Cổ Nhuế 1']);
  });

  it('downloads the filtered call log as an XLSX with Vietnamese headers, one row per ticket', async () => {
    const { page } = ui.browser();
    await page.goto('/#/calls?unit=1');
    await page.getByText('Đang hiển thị 4 cuộc gọi').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải Excel (XLSX)' }).click(),
    ]);
    const file = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(file)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    assert.ok(sheet, 'the workbook has a sheet');
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.equal(headers[0], 'Mã phản ánh');
    assert.equal(sheet.rowCount, 1 + 4);
    const codes = Array.from({ length: 4 }, (_, i) => sheet.getRow(i + 2).getCell(1).value);
    assert.ok(codes.includes(answeredCode), `the export holds ${answeredCode}`);
  });

  it('opens a ticket with its timeline and a recording the browser can fetch as audio/wav', async () => {
    const { page } = ui.browser();
    await page.goto('/#/calls');
    await page.getByRole('link', { name: answeredCode }).click();
    await page.getByRole('heading', { name: `Phản ánh ${answeredCode}` }).waitFor();
    const timeline = page.locator('ol.timeline');
    await timeline.getByText(/Gọi Chủ tịch UBND phường Cổ Nhuế 1 .*: không nghe máy/).waitFor();
    await timeline.getByText(/Gọi Phó Chủ tịch UBND phường Cổ Nhuế 1 .*: đã nghe/).waitFor();
    await timeline.getByText('Người gọi đánh giá: Không hài lòng').waitFor();

    const audio = page.getByRole('figure').filter({ hasText: 'Ghi âm cuộc gọi' }).locator('audio');
    const src = await audio.getAttribute('src');
    assert.ok(src, 'the audio element has a source');
    const res = await page.request.get(new URL(src ?? '', ui.app().baseUrl).toString());
    assert.equal(res.status(), 200, `${src}: ${await res.text()}`);
    assert.match(res.headers()['content-type'] ?? '', /^audio\/(x-)?wav/);
    assert.equal((await res.body()).subarray(0, 4).toString('latin1'), 'RIFF');
    // The browser itself loads and decodes the file, as a person pressing play would.
    const duration = Number(
      await page.evaluate(`new Promise((resolve, reject) => {
        const el = document.querySelector('figure.player audio');
        el.addEventListener('loadedmetadata', () => resolve(el.duration));
        el.addEventListener('error', () => reject(new Error('audio error ' + el.error?.code)));
        if (el.readyState >= 1) resolve(el.duration); else el.load();
      })`),
    );
    assert.ok(duration > 1.5 && duration < 2.5, `chromium decoded the 2 s recording (got ${duration})`);
  });

  it('moves the ticket to "in progress", records a note, and shows both in the timeline', async () => {
    const { page } = ui.browser();
    await page.goto(`/#/tickets/${ui.app().tickets.answered}`);
    await page.getByLabel('Trạng thái', { exact: true }).selectOption('in_progress');
    await page.getByLabel('Lĩnh vực').fill('Đất đai');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.locator('.badges').getByText('Đang xử lý').waitFor();
    await page.locator('ol.timeline').getByText('Đổi trạng thái: Mới → Đang xử lý').waitFor();

    await page
      .getByLabel('Ghi chú', { exact: true })
      .fill('Đã gọi lại cho người dân, hẹn trả lời trong tuần.');
    await page.getByRole('button', { name: 'Thêm ghi chú' }).click();
    await page
      .locator('ol.timeline')
      .getByText('Ghi chú: Đã gọi lại cho người dân, hẹn trả lời trong tuần.')
      .waitFor();

    const row = await ui
      .app()
      .db.db.knex('tickets')
      .where({ id: ui.app().tickets.answered })
      .first('status', 'category');
    assert.deepEqual(row, { status: 'in_progress', category: 'Đất đai' });
  });

  it('offers a new ticket the statuses it may move to, a skipped step included (with a reason)', async () => {
    const { page } = ui.browser();
    const { code } = await ui
      .app()
      .db.db.knex('tickets')
      .where({ id: ui.app().tickets.voicemail })
      .first('code');
    await page.goto(`/#/tickets/${ui.app().tickets.voicemail}`);
    await page.getByRole('heading', { name: `Phản ánh ${code}` }).waitFor();
    const options = await page.getByLabel('Trạng thái', { exact: true }).locator('option').allTextContents();
    assert.deepEqual(options, ['Mới', 'Đang xử lý', 'Đã giải quyết', 'Đã đóng']);
  });
});
