import assert from 'node:assert/strict';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { assertNoSidewaysScroll, ISSUE_VIEWPORTS, screenshot } from './browser.fixture';

describe('admin UI in chromium: searching the call log as people type on phones', function () {
  this.timeout(90_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });

  before(async () => {
    const { answered, voicemail } = ui.app().tickets;
    const knex = ui.app().db.db.knex;
    await knex('tickets').where({ id: answered }).update({ summary: 'Rác thải đổ trộm ở đầu ngõ 12' });
    await knex('tickets').where({ id: voicemail }).update({ summary: 'Đèn đường hỏng' });
  });

  for (const [label, viewport] of ISSUE_VIEWPORTS) {
    it(`finds "Rác thải" from "rac thai" on a ${label} (${viewport.width} px)`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      // A full load: after the other viewport's search, a hash-only change would keep its open filters
      // on the page for a moment, and a check of them would race the new list's render.
      await page.goto(`/?viewport=${label}#/calls`);
      await page.getByRole('heading', { name: 'Nhật ký cuộc gọi', level: 1 }).waitFor();
      const search = page.getByLabel('Tìm kiếm');
      if (!(await search.isVisible())) await page.locator('.filter-box > summary').click();
      await search.fill('rac thai');
      await search.press('Enter');
      const rows = page.locator('table.calls tbody tr');
      await page.waitForFunction("location.hash.includes('q=rac')");
      const { code } = await ui
        .app()
        .db.db.knex('tickets')
        .where({ id: ui.app().tickets.answered })
        .first('code');
      // The list before the search shows every call; the answer to it shows this one alone.
      await page.waitForFunction("document.querySelectorAll('table.calls tbody tr').length === 1");
      assert.match((await rows.first().textContent()) ?? '', new RegExp(code));
      await assertNoSidewaysScroll(page, `the search on ${label}`);
      await screenshot(page, `search-unaccented-${label}`);
    });
  }
});
