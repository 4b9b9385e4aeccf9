import assert from 'node:assert/strict';
import { ADMIN, WARD_OFFICIAL } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { assertNoSidewaysScroll, ISSUE_VIEWPORTS, screenshot } from './browser.fixture';

describe('admin UI in chromium: the audit log screen', function () {
  this.timeout(90_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });
  let code: string;

  before(async () => {
    const { answered } = ui.app().tickets;
    const knex = ui.app().db.db.knex;
    code = (await knex('tickets').where({ id: answered }).first('code')).code;
    // The ward's chairman opens the ticket from another device: the caller's number is shown to them.
    const base = ui.app().baseUrl;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(WARD_OFFICIAL),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    assert.equal((await fetch(`${base}/api/v1/tickets/${answered}`, { headers: { cookie } })).status, 200);
  });

  it('shows who saw the caller number of a ticket, filtered by its code and the action', async () => {
    const { page } = ui.browser();
    await page.getByRole('link', { name: 'Nhật ký hệ thống' }).click();
    await page.getByRole('heading', { name: 'Nhật ký hệ thống', level: 1 }).waitFor();
    await page.getByLabel('Mã phản ánh').fill(code.toLowerCase());
    await page.getByLabel('Hành động').selectOption({ label: 'Xem số người gọi' });
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForFunction("location.hash.includes('action=ticket.view-caller')");
    const rows = page.locator('table.audit tbody tr');
    await rows.filter({ hasText: WARD_OFFICIAL.username }).first().waitFor();
    const texts = await rows.allTextContents();
    assert.ok(texts.length > 0);
    for (const text of texts) {
      assert.match(text, /Xem số người gọi/);
      assert.match(text, new RegExp(code));
    }
  });

  it('filters by who acted', async () => {
    const { page } = ui.browser();
    await page.goto('/#/audit');
    await page.getByRole('heading', { name: 'Nhật ký hệ thống', level: 1 }).waitFor();
    await page.getByLabel('Người thực hiện').selectOption({ value: WARD_OFFICIAL.username });
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForFunction(`location.hash.includes('actor=${WARD_OFFICIAL.username}')`);
    await page.locator('table.audit tbody tr').first().waitFor();
    const actors = await page.locator('table.audit tbody td:nth-child(2)').allTextContents();
    assert.ok(actors.length > 0);
    assert.deepEqual([...new Set(actors)], [WARD_OFFICIAL.username]);
  });

  for (const [label, viewport] of ISSUE_VIEWPORTS) {
    it(`reads on a ${label} (${viewport.width} px) without sideways scrolling`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      await page.goto('/#/audit');
      await page.getByRole('heading', { name: 'Nhật ký hệ thống', level: 1 }).waitFor();
      await page.locator('table.audit tbody tr').first().waitFor();
      await assertNoSidewaysScroll(page, `the audit log on ${label}`);
      await screenshot(page, `audit-${label}`);
    });
  }
});
