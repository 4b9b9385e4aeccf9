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
      // From another hash of the app the old list would still show for a moment: load afresh.
      await page.reload();
      const rows = page.locator('table.calls tbody tr');
      await rows.first().waitFor();
      const codes = await rows.locator('th a').allTextContents();
      const first = codes[0];
      assert.ok(first, 'the filtered list shows a ticket');
      await page.getByRole('link', { name: first, exact: true }).click();
      await page.getByRole('heading', { name: `Phản ánh ${first}` }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: `Phản ánh ${first}` }).waitFor();
      await screenshot(page, `ticket-from-filtered-list-${label}`);
      await page.getByRole('link', { name: '← Nhật ký cuộc gọi' }).click();
      await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
      assert.match(page.url(), /#\/calls\?unit=1&outcome=answered$/);
      assert.equal(await page.getByLabel('Đơn vị', { exact: true }).inputValue(), '1');
      assert.equal(await page.getByLabel('Kết quả', { exact: true }).inputValue(), 'answered');
      assert.deepEqual(await rows.locator('th a').allTextContents(), codes, 'the same rows as before');
    });
  }

  for (const [label, viewport] of VIEWPORTS) {
    it(`a ticket says why its audio cannot play and offers no callback without a switchboard (${label})`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      const knex = ui.app().db.db.knex;
      const { answered, voicemail } = ui.app().tickets;
      // This app has Asterisk's recordings but no call-control connection.
      await page.goto(`/#/tickets/${voicemail}`);
      const callback = page.locator('section', {
        has: page.getByRole('heading', { name: 'Gọi lại cho người dân' }),
      });
      await callback.getByText('Tổng đài chưa kết nối nên chưa thể gọi lại qua hệ thống.').waitFor();
      assert.equal(await callback.locator('button').count(), 0, 'no callback button');
      await screenshot(page, `ticket-no-switchboard-${label}`);

      await knex('tickets').where({ id: answered }).update({ recording_deleted_at: new Date() });
      try {
        await page.goto(`/#/tickets/${answered}`);
        const player = page.getByRole('figure').filter({ hasText: 'Ghi âm cuộc gọi' });
        await player
          .getByText(/^Bản ghi đã bị xoá theo thời hạn lưu \(lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\)\.$/)
          .waitFor();
        assert.equal(await player.locator('audio').count(), 0, 'no player for a deleted file');
        await screenshot(page, `ticket-recording-expired-${label}`);
      } finally {
        await knex('tickets').where({ id: answered }).update({ recording_deleted_at: null });
      }
    });
  }

  it('shows what each call was about (category and summary) in the list', async () => {
    const { page } = ui.browser();
    await page.setViewportSize({ width: 1366, height: 900 });
    const id = ui.app().tickets.answered;
    await ui
      .app()
      .db.db.knex('tickets')
      .where({ id })
      .update({ category: 'Môi trường', summary: 'Rác thải tồn đọng ở ngõ 12' });
    await page.goto('/#/calls');
    await page.reload();
    const code = (await ui.app().db.db.knex('tickets').where({ id }).first('code')).code;
    const row = page.locator('table.calls tbody tr', {
      has: page.getByRole('link', { name: code, exact: true }),
    });
    const about = row.locator('td[data-label="Nội dung"]');
    await about.getByText('Môi trường').waitFor();
    await about.getByText('Rác thải tồn đọng ở ngõ 12').waitFor();
    await screenshot(page, 'calls-about-column-desktop');
  });
});
