import assert from 'node:assert/strict';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { screenshot } from './browser.fixture';

const VIEWPORTS = [
  ['desktop', { width: 1366, height: 900 }],
  ['phone', { width: 390, height: 844 }],
] as const;

describe('admin UI in chromium: working through the call log', function () {
  this.timeout(90_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });

  for (const [label, viewport] of VIEWPORTS) {
    it(`"← Nhật ký cuộc gọi" returns to the list with its filters (${label}, ${viewport.width} px)`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      await page.goto('/#/calls?unit=1&outcome=answered');
      const rows = page.locator('table.calls tbody tr');
      await rows.first().waitFor();
      const codes = await rows.locator('th a').allTextContents();
      const first = codes[0];
      assert.ok(first, 'the filtered list shows a ticket');
      await page.getByRole('link', { name: first, exact: true }).click();
      await page.getByRole('heading', { name: `Phiếu phản ánh ${first}` }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: `Phiếu phản ánh ${first}` }).waitFor();
      await screenshot(page, `ticket-from-filtered-list-${label}`);
      await page.getByRole('link', { name: '← Nhật ký cuộc gọi' }).click();
      await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
      assert.match(page.url(), /#\/calls\?unit=1&outcome=answered$/);
      assert.equal(await page.getByLabel('Đơn vị', { exact: true }).inputValue(), '1');
      assert.equal(await page.getByLabel('Kết quả', { exact: true }).inputValue(), 'answered');
      assert.deepEqual(await rows.locator('th a').allTextContents(), codes, 'the same rows as before');
    });
  }
});
