import assert from 'node:assert/strict';
import { WARD_OFFICIAL } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { screenshot } from './browser.fixture';

const VIEWPORTS = [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1366, height: 900 }],
] as const;

describe("admin UI in chromium: the chairman's quick entry after a call", function () {
  this.timeout(90_000);
  const ui = useAdminBrowser({ signedInAs: WARD_OFFICIAL });

  for (const [label, viewport] of VIEWPORTS) {
    it(`sits in the first screen, above the callback form and the timeline, and saves both parts (${label})`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      const id = ui.app().tickets.answered;
      await page.goto(`/#/tickets/${id}`);
      await page.reload();
      const form = page.getByRole('form', { name: 'Ghi nhanh sau cuộc gọi' });
      await form.waitFor();
      const top = (await form.boundingBox())?.y ?? Number.POSITIVE_INFINITY;
      const about = (await form.getByLabel('Người dân phản ánh việc gì').boundingBox())?.y ?? 0;
      assert.ok(about < viewport.height, `the first field shows without scrolling (at ${about} px)`);
      for (const below of ['Diễn biến', 'Xử lý phản ánh', 'Gọi lại cho người dân']) {
        const heading = page.getByRole('heading', { name: below, exact: true });
        if ((await heading.count()) === 0) continue;
        assert.ok(((await heading.boundingBox())?.y ?? 0) > top, `${below} comes after the quick entry`);
      }
      await screenshot(page, `ticket-quick-entry-${label}`, { firstScreen: true });

      const about1 = `Hỏi về lịch thu gom rác (${label})`;
      await form.getByLabel('Người dân phản ánh việc gì').fill(about1);
      const done = `Đã hướng dẫn gọi tổ dân phố (${label})`;
      await form.getByLabel('Đã xử lý thế nào').fill(done);
      await form.getByRole('button', { name: 'Lưu ghi nhanh' }).click();
      await page.locator('ol.timeline').getByText(`Đã xử lý: ${done}`).waitFor();
      const row = await ui.app().db.db.knex('tickets').where({ id }).first('summary');
      assert.equal(row.summary, about1);
      assert.equal(await form.getByLabel('Người dân phản ánh việc gì').inputValue(), about1);
    });
  }
});
