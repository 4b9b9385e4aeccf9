import assert from 'node:assert/strict';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { assertNoSidewaysScroll, ISSUE_VIEWPORTS, screenshot } from './browser.fixture';

describe('admin UI in chromium: "Đã gọi lại" after calling from one\'s own phone', function () {
  this.timeout(90_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });

  for (const [label, viewport] of ISSUE_VIEWPORTS) {
    it(`records the result on a ${label} (${viewport.width} px): on the timeline, the flag gone`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      const knex = ui.app().db.db.knex;
      const id = label === 'desktop' ? ui.app().tickets.voicemail : ui.app().tickets.answered;
      await knex('tickets').where({ id }).update({ needs_callback: true });
      await page.goto(`/#/tickets/${id}`);
      await page.getByRole('heading', { name: /^Phản ánh HL-/, level: 1 }).waitFor();
      const form = page.locator('form.called-back-form');
      await form.scrollIntoViewIfNeeded();
      await assertNoSidewaysScroll(page, `the ticket on ${label}`);
      await screenshot(page, `called-back-form-${label}`);

      await form.getByLabel('Kết quả').selectOption({ label: 'đã đàm thoại với người dân' });
      await form.getByLabel('Nội dung trao đổi').fill('Hẹn 8 giờ sáng mai xuống thu gom rác');
      assert.equal(await form.getByLabel('Không cần gọi lại nữa').isChecked(), true);
      await form.getByRole('button', { name: 'Ghi nhận đã gọi lại' }).click();

      const step = page.locator('ol.timeline li').filter({
        hasText: 'Cán bộ đã gọi lại bằng máy riêng: đã đàm thoại với người dân',
      });
      await step.getByText('Hẹn 8 giờ sáng mai xuống thu gom rác').waitFor();
      assert.equal(await page.locator('form.called-back-form').count(), 0);
      assert.equal(await page.locator('.page-head .flag').count(), 0);
      assert.equal((await knex('tickets').where({ id }).first('needs_callback')).needs_callback, false);
      await screenshot(page, `called-back-timeline-${label}`);
    });
  }

  it('keeps "cần gọi lại" when the citizen did not answer', async () => {
    const { page } = ui.browser();
    const id = ui.app().tickets.voicemail;
    await ui.app().db.db.knex('tickets').where({ id }).update({ needs_callback: true });
    await page.goto(`/#/tickets/${id}`);
    const form = page.locator('form.called-back-form');
    await form.getByLabel('Kết quả').selectOption({ label: 'người dân không nghe máy' });
    assert.equal(await form.getByLabel('Không cần gọi lại nữa').isChecked(), false);
    await form.getByRole('button', { name: 'Ghi nhận đã gọi lại' }).click();
    await page
      .locator('ol.timeline li')
      .filter({ hasText: 'Cán bộ đã gọi lại bằng máy riêng: người dân không nghe máy' })
      .waitFor();
    await page.locator('form.called-back-form').waitFor();
    assert.equal(
      (await ui.app().db.db.knex('tickets').where({ id }).first('needs_callback')).needs_callback,
      true,
    );
  });
});
