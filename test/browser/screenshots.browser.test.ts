import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { assertNoSidewaysScroll, DESKTOP, PHONE, screenshot, signIn } from './browser.fixture';

/** The main pages at desk and phone width, written to test/artifacts/ for a person to look at. */
describe('admin UI in chromium: screenshots of the main pages', function () {
  this.timeout(90_000);
  const ui = useAdminBrowser();

  const pages = [
    { name: 'calls', hash: '#/calls', heading: 'Nhật ký cuộc gọi' },
    { name: 'ticket', hash: 'ticket', heading: /^Phản ánh HL-/ },
    { name: 'units', hash: '#/units', heading: 'Đơn vị & lịch trực' },
    { name: 'unit', hash: 'unit', heading: /^1 · UBND phường/ },
    { name: 'dashboard', hash: '#/dashboard', heading: /^Tổng quan tuần/ },
  ];

  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`captures the sign-in page and every main page on a ${label} (${viewport.width} px)`, async () => {
      const { page } = ui.browser();
      await ui.browser().context.clearCookies();
      await page.setViewportSize(viewport);
      await page.goto('/');
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      await screenshot(page, `${label}-sign-in`);
      await signIn(page, ADMIN);
      await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
      const unitId = (await ui.app().db.db.knex('units').where({ code: '1' }).first('id')).id;
      for (const target of pages) {
        const hash =
          target.hash === 'ticket'
            ? `#/tickets/${ui.app().tickets.answered}`
            : target.hash === 'unit'
              ? `#/units/${unitId}`
              : target.hash;
        await page.goto(`/${hash}`);
        await page.getByRole('heading', { name: target.heading, level: 1 }).waitFor();
        const file = await screenshot(page, `${label}-${target.name}`, { firstScreen: label === 'phone' });
        assert.ok(existsSync(file));
        await assertNoSidewaysScroll(page, `${target.name} on ${label}`);
      }
    });
  }
});
