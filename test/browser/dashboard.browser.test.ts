import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';

const ZONE = 'Asia/Ho_Chi_Minh';

/** "2026-W47" for the Vietnam week `weeksFromNow` away, with its Monday-to-Monday bounds. */
function week(weeksFromNow: number): { name: string; start: Date; end: Date } {
  const monday = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: weeksFromNow });
  return {
    name: monday.toFormat("kkkk-'W'WW"),
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
    await page.getByRole('heading', { name: `Tổng quan tuần ${thisWeek.name}`, level: 1 }).waitFor();
    assert.equal(await callsTile(page), await callsIn(thisWeek));

    await page.getByRole('link', { name: '← Tuần trước' }).click();
    await page.getByRole('heading', { name: `Tổng quan tuần ${lastWeek.name}`, level: 1 }).waitFor();
    assert.match(page.url(), new RegExp(`#/dashboard\\?week=${lastWeek.name}$`));
    assert.equal(await callsTile(page), await callsIn(lastWeek));

    await page.getByRole('link', { name: 'Tuần sau →' }).click();
    await page.getByRole('heading', { name: `Tổng quan tuần ${thisWeek.name}`, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Tuần sau →' }).click();
    await page.getByRole('heading', { name: `Tổng quan tuần ${week(1).name}`, level: 1 }).waitFor();
    assert.equal(await callsTile(page), 0, 'nothing has been called in next week yet');
  });
});
