import assert from 'node:assert/strict';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { assertNoSidewaysScroll, ISSUE_VIEWPORTS, screenshot } from './browser.fixture';

describe('admin UI in chromium: ticket work (one-step close, tap to call, print)', function () {
  this.timeout(90_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });

  it('closes a spam call straight from "Mới", choosing a usual reason', async () => {
    const { page } = ui.browser();
    const id = ui.app().tickets.voicemail;
    await page.goto(`/#/tickets/${id}`);
    await page.getByRole('heading', { name: /^Phản ánh HL-/, level: 1 }).waitFor();
    const form = page.locator('form.edit');
    await form.getByLabel('Trạng thái', { exact: true }).selectOption({ label: 'Đã đóng' });
    await form.getByLabel('Lý do đổi trạng thái').fill('Cuộc gọi rác, quấy rối');
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.locator('.page-head .badge.status-closed').waitFor();
    await page.locator('ol.timeline q').filter({ hasText: 'Cuộc gọi rác, quấy rối' }).waitFor();
    assert.equal((await ui.app().db.db.knex('tickets').where({ id }).first('status')).status, 'closed');
  });

  for (const [label, viewport] of ISSUE_VIEWPORTS) {
    it(`offers the caller's number as a tap-to-call link on a ${label} (${viewport.width} px)`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      const { answered } = ui.app().tickets;
      const { code } = await ui.app().db.db.knex('tickets').where({ id: answered }).first('code');
      await page.goto(`/#/tickets/${answered}`);
      await page.getByRole('heading', { name: `Phản ánh ${code}`, level: 1 }).waitFor();
      const link = page.locator('.facts a.tel');
      assert.equal(await link.getAttribute('href'), 'tel:+84987654321');
      assert.equal(await link.textContent(), '0987\u00a0654\u00a0321');
      await page.goto('/#/calls');
      await page.locator('table.calls a[href="tel:+84987654321"]').waitFor();
      await assertNoSidewaysScroll(page, `the call log on ${label}`);
    });

    it(`prints a ticket on a ${label}: facts and timeline, no menu, forms or buttons`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      await page.goto(`/#/tickets/${ui.app().tickets.answered}`);
      await page.getByRole('button', { name: 'In phản ánh' }).waitFor();
      await page.emulateMedia({ media: 'print' });
      try {
        for (const selector of ['.topbar', 'form.edit', 'form.called-back-form', 'button.print', '.player']) {
          assert.equal(await page.locator(selector).first().isVisible(), false, `${selector} is printed`);
        }
        assert.equal(await page.locator('ol.timeline').isVisible(), true);
        assert.equal(await page.locator('dl.facts').isVisible(), true);
        await screenshot(page, `ticket-print-${label}`);
      } finally {
        await page.emulateMedia({ media: 'screen' });
      }
    });
  }
});
