import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { screenshot } from './browser.fixture';

const ZONE = 'Asia/Ho_Chi_Minh';

/** "tuần 47 (16/11/2026 – 22/11/2026)" for the Vietnam week `weeksFromNow` away, with its bounds. */
function week(weeksFromNow: number): { name: string; start: Date; end: Date } {
  const monday = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: weeksFromNow });
  return {
    name: `tuần ${monday.toFormat('W')} (${monday.toFormat('dd/MM/yyyy')} – ${monday.plus({ days: 6 }).toFormat('dd/MM/yyyy')})`,
    start: monday.toJSDate(),
    end: monday.plus({ weeks: 1 }).toJSDate(),
  };
}

async function callsTile(page: Page): Promise<number> {
  const tile = page.locator('.tile').filter({ has: page.locator('.tile-label', { hasText: /^Cuộc gọi$/ }) });
  return Number(await tile.locator('.tile-value').innerText());
}

describe('admin UI in chromium: dashboard weeks', function () {
  this.timeout(60_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });

  const callsIn = async (w: { start: Date; end: Date }) => {
    const rows = await ui
      .app()
      .db.db.knex('tickets')
      .where('received_at', '>=', w.start)
      .andWhere('received_at', '<', w.end)
      .count<{ n: number }[]>({ n: '*' });
    return Number(rows[0]?.n);
  };

  it('steps to the previous week and back with the week buttons, each with its own calls', async () => {
    const { page } = ui.browser();
    const [thisWeek, lastWeek] = [week(0), week(-1)];
    await page.goto('/#/dashboard');
    await page.getByRole('heading', { name: `Tổng quan ${thisWeek.name}`, level: 1 }).waitFor();
    assert.equal(await callsTile(page), await callsIn(thisWeek));

    await page.getByRole('link', { name: '← Tuần trước' }).click();
    await page.getByRole('heading', { name: `Tổng quan ${lastWeek.name}`, level: 1 }).waitFor();
    assert.match(page.url(), /#\/dashboard\?week=\d{4}-W\d{2}$/);
    assert.equal(await callsTile(page), await callsIn(lastWeek));

    await page.getByRole('link', { name: 'Tuần sau →' }).click();
    await page.getByRole('heading', { name: `Tổng quan ${thisWeek.name}`, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Tuần sau →' }).click();
    await page.getByRole('heading', { name: `Tổng quan ${week(1).name}`, level: 1 }).waitFor();
    assert.equal(await callsTile(page), 0, 'nothing has been called in next week yet');
  });
});

describe('admin UI in chromium: dashboard periods and figures that open the call log', function () {
  this.timeout(90_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });
  const VIEWPORTS = [
    ['desktop', { width: 1366, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const;

  before(async () => {
    // A call that reached no unit: the caller pressed no valid key.
    await ui.app().db.db.knex('tickets').insert({
      code: 'HL-2026-900001',
      received_at: new Date(),
      outcome: 'invalid_input',
      status: 'closed',
    });
  });

  const THIS_WEEK = `Tổng quan ${week(0).name}`;
  /** A new hash on the same page swaps the screen later: wait for the one asked for. */
  const open = async (page: Page, hash: string, heading: string | RegExp) => {
    await page.goto(`/${hash}`);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };

  const shownRows = async (page: Page) => {
    await page
      .locator('p.count')
      .filter({ hasText: /cuộc gọi|Không có/ })
      .waitFor();
    return page.locator('table.calls tbody tr').count();
  };

  for (const [label, viewport] of VIEWPORTS) {
    it(`shows a month, any range of days and the current counts apart (${label}, ${viewport.width} px)`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      const now = DateTime.now().setZone(ZONE);
      await open(page, '#/dashboard', THIS_WEEK);
      await page
        .getByRole('heading', { name: /^Tổng quan tuần \d+ \(\d\d\/\d\d\/\d{4} – \d\d\/\d\d\/\d{4}\)$/ })
        .waitFor();
      await page.getByText(/^Việc đang chờ xử lý, tính đến/).waitFor();
      await page.getByRole('link', { name: 'Theo tháng' }).click();
      await page.getByRole('heading', { name: `Tổng quan tháng ${now.toFormat('MM/yyyy')}` }).waitFor();
      await screenshot(page, `dashboard-month-${label}`);
      await page.getByRole('link', { name: '← Tháng trước' }).click();
      await page
        .getByRole('heading', { name: `Tổng quan tháng ${now.minus({ months: 1 }).toFormat('MM/yyyy')}` })
        .waitFor();

      const first = now.minus({ days: 2 });
      await page.getByLabel('Từ ngày').fill(first.toFormat('dd/MM/yyyy'));
      await page.getByLabel('Đến ngày').fill(now.toFormat('dd/MM/yyyy'));
      await page.getByRole('button', { name: 'Xem khoảng ngày' }).click();
      await page
        .getByRole('heading', {
          name: `Tổng quan từ ${first.toFormat('dd/MM/yyyy')} đến ${now.toFormat('dd/MM/yyyy')}`,
        })
        .waitFor();
      await screenshot(page, `dashboard-range-${label}`);
    });

    it(`draws no column for days still to come (${label})`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      const next = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 1 });
      await open(
        page,
        `#/dashboard?week=${next.toFormat("kkkk-'W'WW")}`,
        new RegExp(`^Tổng quan tuần ${next.toFormat('W')} `),
      );
      const chart = page.locator('svg.chart').first();
      await chart.waitFor();
      assert.equal(await chart.locator('rect').count(), 0);
      assert.equal(await chart.locator('text.value').count(), 0, 'no "0" over a day that has not come');
    });

    it(`opens the call log filtered to each figure: calls, overdue now, a unit, no unit (${label})`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      const knex = ui.app().db.db.knex;
      await open(page, '#/dashboard', THIS_WEEK);
      const callsTileValue = await callsTile(page);
      await page.locator('a.tile', { hasText: /^\d+Cuộc gọi$/ }).click();
      await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
      assert.match(page.url(), /#\/calls\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$/);
      assert.equal(await shownRows(page), callsTileValue);

      await open(page, '#/dashboard', THIS_WEEK);
      await page.locator('a.tile', { hasText: 'Phản ánh quá hạn hiện nay' }).click();
      await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
      assert.match(page.url(), /#\/calls\?overdue=true$/);
      assert.equal(await page.getByLabel('Quá hạn (hiện nay)').isChecked(), true);
      const overdue = await knex('tickets')
        .whereIn('status', ['new', 'in_progress'])
        .andWhere('due_at', '<', new Date())
        .count<{ n: number }[]>({ n: '*' });
      assert.equal(await shownRows(page), Number(overdue[0]?.n));

      await open(page, '#/dashboard', THIS_WEEK);
      await page.locator('details.unit-table summary').click();
      const noUnit = page.locator('details.unit-table tbody tr', { hasText: 'Chưa chọn đơn vị' });
      await screenshot(page, `dashboard-unit-table-${label}`);
      const noUnitCalls = Number(await noUnit.locator('td').first().innerText());
      await noUnit.getByRole('link', { name: 'Chưa chọn đơn vị' }).click();
      await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
      assert.match(page.url(), /unassigned=true/);
      assert.equal(await shownRows(page), noUnitCalls);
      assert.ok((await page.locator('table.calls tbody th a').allTextContents()).includes('HL-2026-900001'));
      const units = await page.locator('table.calls tbody td[data-label="Đơn vị"]').allTextContents();
      assert.deepEqual([...new Set(units)], ['—'], 'only calls that reached no unit');

      await open(page, '#/dashboard', THIS_WEEK);
      await page.locator('details.unit-table summary').click();
      const ward = page
        .locator('details.unit-table tbody tr')
        .filter({ has: page.locator('td:nth-of-type(2) a') })
        .first();
      const answered = Number(await ward.locator('td').nth(1).innerText());
      await ward.locator('td').nth(1).getByRole('link').click();
      await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
      assert.match(page.url(), /unit=\d+&outcome=answered$/);
      assert.equal(await shownRows(page), answered);
    });
  }
});
