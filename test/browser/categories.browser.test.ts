import assert from 'node:assert/strict';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { assertNoSidewaysScroll, ISSUE_VIEWPORTS, screenshot } from './browser.fixture';

describe('admin UI in chromium: the category list', function () {
  this.timeout(90_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });

  it('adds a category an official then picks on a ticket', async () => {
    const { page } = ui.browser();
    await page.getByRole('link', { name: 'Lĩnh vực' }).click();
    await page.getByRole('heading', { name: 'Danh mục lĩnh vực', level: 1 }).waitFor();
    const add = page.locator('form.category-add');
    await add.getByLabel('Tên lĩnh vực').fill('Vệ sinh môi trường');
    await add.getByRole('button', { name: 'Thêm lĩnh vực' }).click();
    await page.locator('ul.categories input[name="name"]').first().waitFor();
    const rows = page.locator('ul.categories input[name="name"]');
    const names: string[] = [];
    for (let i = 0; i < (await rows.count()); i++) names.push(await rows.nth(i).inputValue());
    assert.ok(names.includes('Vệ sinh môi trường'), names.join(', '));

    const id = ui.app().tickets.answered;
    await page.goto(`/#/tickets/${id}`);
    await page.getByRole('heading', { name: /^Phản ánh HL-/, level: 1 }).waitFor();
    const offered = page.locator('form.edit datalist option[value="Vệ sinh môi trường"]');
    await offered.waitFor({ state: 'attached' });
  });

  for (const [label, viewport] of ISSUE_VIEWPORTS) {
    it(`reads on a ${label} (${viewport.width} px) without sideways scrolling`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      await page.goto('/#/categories');
      await page.getByRole('heading', { name: 'Danh mục lĩnh vực', level: 1 }).waitFor();
      await page.locator('ul.categories li').first().waitFor();
      await assertNoSidewaysScroll(page, `categories on ${label}`);
      await screenshot(page, `categories-${label}`);
    });
  }
});
