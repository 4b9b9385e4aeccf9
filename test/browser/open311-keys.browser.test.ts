import assert from 'node:assert/strict';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { assertNoSidewaysScroll, ISSUE_VIEWPORTS, screenshot } from './browser.fixture';

describe('admin UI in chromium: Open311 API keys', function () {
  this.timeout(90_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });

  const postRequest = (key: string) =>
    fetch(`${ui.app().baseUrl}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams({
        api_key: key,
        service_code: 'uncategorised',
        address_string: 'Ngõ 5 Phúc Diễn',
        'attribute[unit]': '1',
      }),
    });

  it('issues a key shown once, which then posts a request, and revokes it', async () => {
    const { page } = ui.browser();
    await page.getByRole('link', { name: 'Open311' }).click();
    await page.getByRole('heading', { name: 'Khóa API Open311', level: 1 }).waitFor();
    await page.getByText('Chưa cấp khóa nào.').waitFor();
    await page.getByLabel('Cấp cho (ứng dụng, đơn vị)').fill('Ứng dụng Góp ý Hà Nội');
    await page.getByRole('button', { name: 'Cấp khóa mới' }).click();
    await page.getByRole('heading', { name: 'Khóa mới cấp cho Ứng dụng Góp ý Hà Nội' }).waitFor();
    const key = await page.getByLabel('Khóa API').inputValue();
    assert.match(key, /^o311_/);
    const row = page.locator('table.open311-keys tbody tr', { hasText: 'Ứng dụng Góp ý Hà Nội' });
    await row.getByText('Chưa dùng').waitFor();
    await screenshot(page, 'open311-key-issued');

    const posted = await postRequest(key);
    assert.equal(posted.status, 201);
    const answer = (await posted.json()) as Array<{ service_request_id: string }>;
    const code = answer[0]?.service_request_id;
    const { id } = await ui.app().db.db.knex('tickets').where({ code }).first('id');
    await page.goto(`/#/tickets/${id}`);
    await page
      .getByText(
        'Yêu cầu gửi qua Open311 từ Ứng dụng Góp ý Hà Nội (người gửi: —; địa điểm: Ngõ 5 Phúc Diễn; ảnh: —): —',
      )
      .waitFor();
    await page.goto('/#/open311');
    await page.getByRole('heading', { name: 'Khóa API Open311', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Khóa API').count(), 0, 'the key is not shown again');
    await row
      .getByText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)
      .nth(1)
      .waitFor();

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Thu hồi khóa' }).click();
    await row.getByText(/^Đã thu hồi lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/).waitFor();
    assert.equal((await postRequest(key)).status, 403);
  });

  it('speaks English after the switch', async () => {
    const { page } = ui.browser();
    await page.goto('/#/open311');
    await page.getByRole('heading', { name: 'Khóa API Open311', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Open311 API keys', level: 1 }).waitFor();
    await page
      .locator('table.open311-keys')
      .getByText(/^Revoked at /)
      .waitFor();
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Khóa API Open311', level: 1 }).waitFor();
  });

  for (const [label, viewport] of ISSUE_VIEWPORTS) {
    it(`reads on a ${label} (${viewport.width} px) without sideways scrolling`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      await page.goto('/#/open311');
      await page.getByRole('heading', { name: 'Khóa API Open311', level: 1 }).waitFor();
      await page.locator('table.open311-keys tbody tr').first().waitFor();
      await assertNoSidewaysScroll(page, `Open311 keys on ${label}`);
      await screenshot(page, `open311-keys-${label}`);
    });
  }
});
