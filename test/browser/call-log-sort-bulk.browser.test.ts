import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { assertNoSidewaysScroll, screenshot } from './browser.fixture';

const VIEWPORTS = [
  ['desktop', { width: 1366, height: 900 }],
  ['phone', { width: 390, height: 844 }],
] as const;

/**
 * Each column's header, the field it sorts, then the sort of its first click and of its second (the
 * list opens newest first, so the time column's first click turns it round).
 */
const COLUMNS = [
  ['Thời gian', 'received_at', 'received_at', '-received_at'],
  ['Đơn vị', 'unit', 'unit', '-unit'],
  ['Thời gian chờ', 'wait', '-wait', 'wait'],
  ['Trạng thái', 'status', 'status', '-status'],
] as const;

const codesShown = (page: Page) => page.locator('table.calls tbody tr th a').allTextContents();

/** Waits until the list's first row is this ticket (the re-render after a sort has landed). */
async function firstRowIs(page: Page, code: string | undefined): Promise<void> {
  await page
    .locator('table.calls tbody tr:first-child th a')
    .filter({ hasText: new RegExp(`^${code ?? ''}$`) })
    .waitFor();
}

/** The codes the API lists first for this sort, as the signed-in page's own session reads them. */
async function codesFromApi(page: Page, sort: string): Promise<string[]> {
  const res = await page.request.get(`/api/v1/tickets?limit=50&sort=${sort}`);
  assert.equal(res.status(), 200);
  return ((await res.json()).items as Array<{ code: string }>).map((item) => item.code);
}

describe('admin UI in chromium: sorting the call log and changing selected tickets together', function () {
  this.timeout(120_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });
  const knex = () => ui.app().db.db.knex;
  let made = 0;

  /** Tickets of this test, found by the phrase in their summary; `closed` ones are closed already. */
  async function seedBatch(phrase: string, statuses: string[]): Promise<Array<{ id: number; code: string }>> {
    const unit = await knex()('units').where({ code: '1' }).first('id');
    const rows = statuses.map((status, i) => {
      made += 1;
      return {
        code: `HL-2026-9${String(made).padStart(5, '0')}`,
        unit_id: unit.id,
        received_at: new Date(Date.now() - (made + i) * 60_000),
        caller_number: '+84912000111',
        outcome: 'answered',
        status,
        wait_seconds: 7,
        summary: `${phrase} ${i + 1}`,
      };
    });
    return knex()('tickets').insert(rows).returning(['id', 'code']);
  }

  for (const [label, viewport] of VIEWPORTS) {
    it(`sorts by time, unit, wait and status, keeps the sort in the URL and on "back" (${label}, ${viewport.width} px)`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      await page.goto('/#/calls');
      await page.reload();
      await page.locator('table.calls tbody tr').first().waitFor();
      for (const [header, field, first, second] of COLUMNS) {
        for (const sort of [first, second]) {
          if (label === 'desktop') {
            const link = page.locator(`table.calls thead a[data-sort="${field}"]`);
            assert.match((await link.textContent()) ?? '', new RegExp(`^${header}`));
            await link.click();
          } else {
            // The card list has no header row: the same choice is a list above it.
            await page.getByLabel('Sắp xếp theo').selectOption(sort);
          }
          const expectedUrl =
            sort === '-received_at' ? /#\/calls$/ : new RegExp(`#/calls\\?sort=${sort.replace('-', '\\-')}$`);
          await page.waitForURL(expectedUrl);
          const expected = await codesFromApi(page, sort);
          await firstRowIs(page, expected[0]);
          assert.deepEqual(await codesShown(page), expected, `rows in ${sort} order`);
          const th = page.locator(`table.calls thead th:has(a[data-sort="${field}"])`);
          assert.equal(await th.getAttribute('aria-sort'), sort.startsWith('-') ? 'descending' : 'ascending');
          assert.equal(
            await page
              .locator(
                'table.calls thead th[aria-sort="ascending"], table.calls thead th[aria-sort="descending"]',
              )
              .count(),
            1,
          );
          if (sort === '-wait') await screenshot(page, `call-log-sorted-wait-${label}`);
        }
      }
      if (label === 'phone') await assertNoSidewaysScroll(page, 'the sorted call log on a phone');
      // Back from a ticket to the list as it was sorted.
      if (label === 'desktop') await page.locator('table.calls thead a[data-sort="wait"]').click();
      else await page.getByLabel('Sắp xếp theo').selectOption('-wait');
      await page.waitForURL(/sort=-wait$/);
      const expected = await codesFromApi(page, '-wait');
      await firstRowIs(page, expected[0]);
      const first = expected[0] ?? '';
      await page.getByRole('link', { name: first, exact: true }).click();
      await page.getByRole('heading', { name: `Phản ánh ${first}` }).waitFor();
      await page.getByRole('link', { name: '← Nhật ký cuộc gọi' }).click();
      await page.waitForURL(/#\/calls\?sort=-wait$/);
      await page.locator('table.calls tbody tr').first().waitFor();
      assert.deepEqual(await codesShown(page), expected);
      assert.equal(await page.getByLabel('Sắp xếp theo').inputValue(), '-wait');
      assert.equal(
        await page.locator('table.calls thead th:has(a[data-sort="wait"])').getAttribute('aria-sort'),
        'descending',
      );
    });
  }

  for (const [label, viewport] of VIEWPORTS) {
    it(`closes selected tickets with a reason and says which were refused (${label})`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      const phrase = `Dong hang loat ${label}`;
      const batch = await seedBatch(phrase, ['new', 'in_progress', 'closed']);
      await page.goto(`/#/calls?q=${encodeURIComponent(phrase)}`);
      await page.reload();
      const rows = page.locator('table.calls tbody tr');
      await rows.nth(2).waitFor();
      assert.equal(await rows.count(), 3);
      const bar = page.getByRole('region', { name: 'Chọn' });
      await bar.getByText('Đã chọn 0 phản ánh').waitFor();
      await page.getByLabel(`Chọn phản ánh ${batch[0]?.code}`).check();
      await bar.getByText('Đã chọn 1 phản ánh').waitFor();
      await page.getByLabel('Chọn tất cả trên trang').check();
      await bar.getByText('Đã chọn 3 phản ánh').waitFor();
      if (label === 'phone') await assertNoSidewaysScroll(page, 'the call log with rows selected');
      await screenshot(page, `call-log-selected-${label}`);
      await bar.getByRole('button', { name: 'Đóng 3 phản ánh' }).click();
      // The reason is required: the app's own note, nothing sent.
      await bar.getByText('Vui lòng nhập', { exact: false }).first().waitFor();
      await bar.getByLabel('Lý do đóng').fill('Cuộc gọi nhầm số');
      await bar.getByRole('button', { name: 'Đóng 3 phản ánh' }).click();
      await bar.getByText('Đã xử lý 2 phản ánh; 1 phản ánh không xử lý được.').waitFor();
      await bar.getByText(`${batch[2]?.code}: Phản ánh đã được đóng trước đó.`).waitFor();
      await bar.getByText('Đã chọn 0 phản ánh').waitFor();
      await screenshot(page, `call-log-bulk-closed-${label}`);
      const statuses = await knex()('tickets')
        .whereIn(
          'id',
          batch.map((ticket) => ticket.id),
        )
        .orderBy('id')
        .pluck('status');
      assert.deepEqual(statuses, ['closed', 'closed', 'closed']);
      assert.equal(await rows.locator('.badge.status-closed').count(), 3, 'the list shows them closed');
      const events = await knex()('ticket_events')
        .whereIn(
          'ticket_id',
          batch.slice(0, 2).map((ticket) => ticket.id),
        )
        .where({ kind: 'status.changed' })
        .count({ n: '*' });
      assert.equal(Number(events[0]?.n), 2);
    });
  }

  for (const [label, viewport] of VIEWPORTS) {
    it(`assigns selected tickets to a unit, in English too (${label})`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      const phrase = `Giao hang loat ${label}`;
      const batch = await seedBatch(phrase, ['new', 'new']);
      const target = await knex()('units').where({ code: '2' }).first('id', 'code', 'name');
      await page.goto(`/#/calls?q=${encodeURIComponent(phrase)}`);
      await page.reload();
      await page.locator('table.calls tbody tr').nth(1).waitFor();
      await page.getByRole('button', { name: 'English' }).click();
      const bar = page.getByRole('region', { name: 'Select' });
      await page.getByLabel('Select all on this page').check();
      await bar.getByLabel('Unit that takes them').selectOption(String(target.id));
      await bar.getByLabel('Reason for the transfer (optional)').fill('Địa bàn phường khác');
      await bar.getByRole('button', { name: 'Assign 2 tickets' }).click();
      await bar.getByText('2 tickets done; 0 could not be changed.').waitFor();
      await screenshot(page, `call-log-bulk-assigned-${label}`);
      const units = await knex()('tickets')
        .whereIn(
          'id',
          batch.map((ticket) => ticket.id),
        )
        .pluck('unit_id');
      assert.deepEqual(units, [target.id, target.id]);
      const shown = await page.locator('table.calls tbody tr td[data-label="Unit"]').allTextContents();
      assert.deepEqual(shown, [target.name, target.name]);
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
    });
  }
});
