import assert from 'node:assert/strict';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';

describe('admin UI in chromium: dated overrides and contacts', function () {
  this.timeout(60_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });
  let unit: { id: number; name: string };

  before(async () => {
    unit = await ui.app().db.db.knex('units').where({ code: '1' }).first('id', 'name');
  });

  it('adds a dated override for a holiday, lists it, then deletes it', async () => {
    const { page } = ui.browser();
    const knex = ui.app().db.db.knex;
    const deputy = await knex('contacts')
      .where({ unit_id: unit.id, name: 'Phó Chủ tịch UBND phường Cổ Nhuế 1' })
      .first('id');
    await page.goto(`/#/units/${unit.id}`);
    await page.getByRole('heading', { name: `1 · ${unit.name}` }).waitFor();

    const form = page.locator('form.override-form');
    await form.getByLabel('Người trực').selectOption({ label: 'Phó Chủ tịch UBND phường Cổ Nhuế 1' });
    await form.getByLabel('Từ').fill('02/02/2030 07:30');
    await form.getByLabel('Đến').fill('04/02/2030 17:00');
    await form.getByLabel('Lý do').fill('Trực Tết');
    await form.getByRole('button', { name: 'Thêm lịch đặc biệt' }).click();
    const item = page.locator('ul.overrides li').filter({ hasText: 'Trực Tết' });
    await item.waitFor();
    assert.match(await item.innerText(), /02\/02\/2030 07:30 → 04\/02\/2030 17:00/);

    const stored = await knex('duty_overrides').where({ unit_id: unit.id });
    assert.equal(stored.length, 1);
    assert.equal(stored[0].contact_id, deputy.id);
    // Entered as Vietnam time (UTC+7), whatever zone the browser runs in.
    assert.equal(new Date(stored[0].starts_at).toISOString(), '2030-02-02T00:30:00.000Z');
    assert.equal(new Date(stored[0].ends_at).toISOString(), '2030-02-04T10:00:00.000Z');
    assert.equal(stored[0].reason, 'Trực Tết');

    await item.getByRole('button', { name: 'Xoá' }).click();
    await page.getByText('Chưa có lịch đặc biệt.').waitFor();
    assert.deepEqual(await knex('duty_overrides').where({ unit_id: unit.id }), []);
  });

  it("edits a contact's role and number, and the database keeps the number in international form", async () => {
    const { page } = ui.browser();
    const knex = ui.app().db.db.knex;
    const contacts = await knex('contacts')
      .where({ unit_id: unit.id })
      .orderBy('id')
      .select('id', 'name', 'role', 'dial');
    const index = contacts.findIndex((c) => c.name === 'Phó Chủ tịch UBND phường Cổ Nhuế 1');
    const deputy = contacts[index];
    assert.ok(deputy, 'unit 1 has its deputy chairman');
    try {
      await page.goto(`/#/units/${unit.id}`);
      // One form per contact, in the order of their ids, as the API lists them.
      const form = page.locator('form.contact').nth(index);
      assert.equal(await form.getByLabel('Họ tên').inputValue(), deputy.name);
      await form.getByLabel('Chức vụ').fill('Phó Chủ tịch phụ trách đất đai');
      await form.getByLabel('Số gọi / máy lẻ').fill('0912 345 678');
      const [response] = await Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === 'PATCH' && r.url().endsWith(`/contacts/${deputy.id}`),
        ),
        form.getByRole('button', { name: 'Lưu', exact: true }).click(),
      ]);
      assert.equal(response.status(), 200, await response.text());
      const row = await knex('contacts').where({ id: deputy.id }).first('role', 'dial');
      assert.deepEqual(row, { role: 'Phó Chủ tịch phụ trách đất đai', dial: '+84912345678' });
      // The screen is drawn again from the server, showing what was stored, and says it saved.
      // Polled from the test: a string predicate would run through eval, which the app's CSP forbids.
      const dial = page.locator('form.contact input[name="dial"]').nth(index);
      const deadline = Date.now() + 5000;
      while ((await dial.inputValue()) !== '0912 345 678') {
        assert.ok(Date.now() < deadline, `the redrawn form shows ${await dial.inputValue()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await page
        .locator('body > [role="status"]')
        .filter({ hasText: 'Đã lưu.' })
        .waitFor({ state: 'attached' });
    } finally {
      await knex('contacts').where({ id: deputy.id }).update({ role: deputy.role, dial: deputy.dial });
    }
  });
});
