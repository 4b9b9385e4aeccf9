import assert from 'node:assert/strict';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { assertNoSidewaysScroll, ISSUE_VIEWPORTS, screenshot } from './browser.fixture';

describe('admin UI in chromium: transferring a ticket to another unit', function () {
  this.timeout(90_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });

  for (const [label, viewport] of ISSUE_VIEWPORTS) {
    it(`sends the ticket to ward 3 on a ${label} (${viewport.width} px): on the timeline, the unit told`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      const knex = ui.app().db.db.knex;
      const id = label === 'desktop' ? ui.app().tickets.answered : ui.app().tickets.voicemail;
      const { code } = await knex('tickets').where({ id }).first('code');
      const ward3 = await knex('units').where({ code: '3' }).first('id', 'name');
      await page.goto(`/#/tickets/${id}`);
      await page.getByRole('heading', { name: `Phản ánh ${code}`, level: 1 }).waitFor();
      const form = page.locator('form.transfer-form');
      await form.scrollIntoViewIfNeeded();
      await assertNoSidewaysScroll(page, `the ticket on ${label}`);
      await form.getByLabel('Chuyển đến').selectOption({ label: `3 · ${ward3.name}` });
      await form.getByLabel('Lý do chuyển').fill('Thuộc địa bàn phường khác');
      await form.getByRole('button', { name: 'Chuyển phản ánh' }).click();
      const step = page.locator('ol.timeline li').filter({ hasText: `đến ${ward3.name}` });
      await step.getByText('Thuộc địa bàn phường khác').waitFor();
      await page.locator('.facts').getByText(`3 · ${ward3.name}`).waitFor();
      assert.equal((await knex('tickets').where({ id }).first('unit_id')).unit_id, ward3.id);
      const notices = await knex('notifications')
        .where({ ticket_id: id, kind: 'transferred' })
        .pluck('unit_id');
      assert.deepEqual(notices, [ward3.id]);
      await screenshot(page, `transfer-${label}`);
    });
  }
});
