import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { fieldNote } from './browser.fixture';

/** Saves the grid and waits for the API to accept it. */
async function saveRoster(page: Page): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/shifts')),
    page.getByRole('button', { name: 'Lưu lịch trực' }).click(),
  ]);
  assert.equal(response.status(), 200, await response.text());
}

describe('admin UI in chromium: units and duty rosters', function () {
  this.timeout(60_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });
  let unit: { id: number; name: string };

  before(async () => {
    unit = await ui.app().db.db.knex('units').where({ code: '1' }).first('id', 'name');
  });

  it('adds a person to Monday of a shift in the weekly grid and saves it', async () => {
    const { page } = ui.browser();
    await page.goto('/#/units');
    await page.getByRole('link', { name: unit.name }).click();
    await page.getByRole('heading', { name: `1 · ${unit.name}` }).waitFor();
    const before = await ui
      .app()
      .db.db.knex('duty_shifts')
      .where({ unit_id: unit.id, weekday: 1 })
      .count<{ n: number }[]>({ n: '*' });

    await page.getByRole('button', { name: 'Thêm ca' }).click();
    const newRow = page.locator('table.roster tbody tr').last();
    await newRow.getByLabel('Bắt đầu').fill('18:00');
    await newRow.getByLabel('Kết thúc').fill('22:00');
    await newRow
      .getByLabel(/^Thêm người trực Thứ Hai/)
      .selectOption({ label: 'Phó Chủ tịch UBND phường Cổ Nhuế 1' });
    await newRow.locator('td').first().getByText('Phó Chủ tịch UBND phường Cổ Nhuế 1').waitFor();
    await saveRoster(page);

    const monday = await ui
      .app()
      .db.db.knex('duty_shifts')
      .where({ unit_id: unit.id, weekday: 1 })
      .select('start_minute', 'end_minute');
    assert.equal(monday.length, Number(before[0]?.n) + 1);
    assert.ok(
      monday.some((s) => s.start_minute === 18 * 60 && s.end_minute === 22 * 60),
      'the 18:00–22:00 shift is stored',
    );
  });

  it('takes the chairman off Sunday and "who is on duty" then starts with the deputy', async () => {
    const { page } = ui.browser();
    await page.goto(`/#/units/${unit.id}`);
    const allDay = page.locator('table.roster tbody tr').first();
    const sunday = allDay.locator('td').nth(6);
    await sunday.getByRole('button', { name: 'Bỏ Chủ tịch UBND phường Cổ Nhuế 1' }).click();
    await saveRoster(page);

    await page.getByLabel('Thời điểm').fill('22/11/2026 10:00');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    const names = page.locator('ol.on-duty li strong');
    await names
      .first()
      .filter({ hasText: /^Phó Chủ tịch UBND phường Cổ Nhuế 1$/ })
      .waitFor();
    assert.ok(!(await names.allTextContents()).includes('Chủ tịch UBND phường Cổ Nhuế 1'));
  });

  it('refuses a unit code another unit already uses, with that reason at the code field', async () => {
    const { page } = ui.browser();
    await page.goto('/#/units');
    await page.getByRole('heading', { name: 'Đơn vị & lịch trực', level: 1 }).waitFor();
    const form = page.locator('form.unit-form');
    await form.getByLabel('Mã (phím bấm)').fill('1');
    await form.getByLabel('Tên đơn vị').fill('UBND phường Thử Nghiệm');
    await form.getByRole('button', { name: 'Tạo đơn vị' }).click();
    const code = form.getByLabel('Mã (phím bấm)');
    await fieldNote(form, 'Mã (phím bấm)')
      .filter({ hasText: 'Mã 1 đã được dùng cho đơn vị khác.' })
      .waitFor();
    assert.equal(await code.getAttribute('aria-invalid'), 'true');
    const named = await ui.app().db.db.knex('units').where({ name: 'UBND phường Thử Nghiệm' }).first('id');
    assert.equal(named, undefined);
  });
});
