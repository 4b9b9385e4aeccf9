import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { assertNoSidewaysScroll, ISSUE_VIEWPORTS, screenshot } from './browser.fixture';

const ZONE = 'Asia/Ho_Chi_Minh';
const COUNTED = 'Quầy tiếp nhận và trả kết quả giải quyết thủ tục hành chính lĩnh vực đất đai, xây dựng';
const UNCOUNTED = 'Quầy tư pháp – hộ tịch, chứng thực bản sao từ bản chính và chữ ký';

describe('admin UI in chromium: ratings per unit and desk on the dashboard', function () {
  this.timeout(90_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });
  const month = DateTime.now().setZone(ZONE).toFormat('yyyy-MM');
  let countedDesk: number;

  before(async () => {
    const knex = ui.app().db.db.knex;
    const unit = await knex('units').where({ code: '1' }).first('id');
    [{ id: countedDesk }] = await knex('desks').insert({ unit_id: unit.id, name: COUNTED }).returning('id');
    const [{ id: uncounted }] = await knex('desks')
      .insert({ unit_id: unit.id, name: UNCOUNTED })
      .returning('id');
    const rating = (deskId: number, value: number, n: number) => ({
      code: `HL-2026-95${String(n).padStart(4, '0')}`,
      channel: 'web-rating',
      unit_id: unit.id,
      desk_id: deskId,
      rating: value,
      received_at: new Date(),
      status: 'closed',
    });
    await knex('tickets').insert([
      rating(countedDesk, 1, 1),
      rating(countedDesk, 1, 2),
      rating(countedDesk, 3, 3),
      rating(uncounted, 2, 4),
    ]);
    // 3 ratings of 8 visitors: 37.5 %, the 30 % target met.
    await knex('desk_visitor_counts').insert({ desk_id: countedDesk, month, visitors: 8 });
  });

  const ratingsSection = (page: Page) =>
    page
      .locator('section.card')
      .filter({ has: page.getByRole('heading', { name: 'Đánh giá theo đơn vị và quầy' }) });
  const deskRow = (page: Page, name: string) => ratingsSection(page).locator('tr.desk', { hasText: name });

  for (const [label, viewport] of ISSUE_VIEWPORTS) {
    it(`shows each desk's ratings and its visitors' share against 30 %, and opens a count in the call log (${label})`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      await page.goto(`/#/dashboard?month=${month}`);
      await ratingsSection(page).waitFor();
      const counted = deskRow(page, COUNTED);
      assert.match(
        await counted.locator('td.share').innerText(),
        /^37,5%\s+trên 8 lượt khách · Đạt mục tiêu$/,
      );
      assert.equal(await deskRow(page, UNCOUNTED).locator('td.share').innerText(), 'chưa ghi số lượt khách');
      assert.equal(
        await counted
          .locator('td')
          .nth(3)
          .innerText()
          .then((text) => text.split('\n').at(-1)),
        '66,7%',
      );
      await assertNoSidewaysScroll(page, `the dashboard at ${viewport.width} px`);
      await counted.scrollIntoViewIfNeeded();
      await screenshot(page, `dashboard-ratings-${label}`, { firstScreen: true });

      await counted.locator('td').first().getByRole('link').click();
      await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
      assert.match(
        page.url(),
        new RegExp(`unit=1&channel=web-rating&desk=${countedDesk}&spam=false&rating=1$`),
      );
      await page.locator('p.count').waitFor();
      assert.equal(await page.locator('table.calls tbody tr').count(), 2);
      assert.equal(await page.getByLabel('Quầy').locator('option:checked').innerText(), COUNTED);
      await screenshot(page, `calls-desk-filter-${label}`);
    });
  }

  it('says a week has no visitor share, and words the section in English too', async () => {
    const { page } = ui.browser();
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto('/#/dashboard');
    await ratingsSection(page).waitFor();
    await ratingsSection(page)
      .getByText(/^Số lượt khách được ghi theo tháng/)
      .waitFor();
    assert.equal(await deskRow(page, COUNTED).locator('td.share').innerText(), '—');

    await page.goto(`/#/dashboard?month=${month}`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    const english = page
      .locator('section.card')
      .filter({ has: page.getByRole('heading', { name: 'Ratings by unit and desk' }) });
    await english.waitFor();
    assert.equal(
      await english.locator('tr.desk', { hasText: UNCOUNTED }).locator('td.share').innerText(),
      'no visitor count recorded',
    );
    assert.match(
      await english.locator('tr.desk', { hasText: COUNTED }).locator('td.share').innerText(),
      /37\.5%\s+of 8 visitors · Target met/,
    );
    await screenshot(page, 'dashboard-ratings-english');
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    await ratingsSection(page).waitFor();
  });
});
