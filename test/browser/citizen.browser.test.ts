import assert from 'node:assert/strict';
import { useAdminBrowser } from './admin-browser.hooks';
import { PHONE, screenshot } from './browser.fixture';

describe('citizen site in chromium on a phone (360×740)', function () {
  this.timeout(60_000);
  const env = useAdminBrowser();
  let deskId: number;

  before(async () => {
    const knex = env.app().db.db.knex;
    const unit = await knex('units').where({ code: '1' }).first('id');
    [{ id: deskId }] = await knex('desks')
      .insert({ unit_id: unit.id, name: 'Quầy 2 — Đất đai' })
      .returning('id');
    await env.browser().page.setViewportSize(PHONE);
  });

  it('rates a desk "Không hài lòng" from its QR link, with a comment and a phone, and gets a ticket code', async () => {
    const { page } = env.browser();
    await page.goto(`/p/d/${deskId}`);
    await page.getByRole('heading', { name: /Quầy 2 — Đất đai/ }).waitFor();
    await page.getByLabel('Không hài lòng').check();
    await page.getByLabel('Góp ý (không bắt buộc)').fill('Phải chờ hơn một tiếng');
    await page.getByLabel('Số điện thoại để cán bộ gọi lại (không bắt buộc)').fill('0912 345 678');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByRole('heading', { name: 'Cảm ơn bạn đã đánh giá' }).waitFor();
    const code = await page.locator('strong.code').textContent();
    await screenshot(page, 'citizen-rating-thanks');
    const ticket = await env.app().db.db.knex('tickets').where({ code }).first();
    assert.deepEqual(
      [ticket.channel, ticket.desk_id, ticket.rating, ticket.needs_callback, ticket.caller_number],
      ['web-rating', deskId, 3, true, '+84912345678'],
    );
    assert.match(await page.locator('main').innerText(), /Cán bộ sẽ gọi lại cho bạn/);
  });

  it('tracks the ticket with the code and the secret shown after the rating, and adds a reply', async () => {
    const { page } = env.browser();
    await page.goto(`/p/d/${deskId}`);
    await page.getByLabel('Hài lòng', { exact: true }).check();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    const code = (await page.locator('strong.code').textContent()) ?? '';
    const secret = (await page.locator('strong.secret').textContent()) ?? '';
    await page.getByRole('link', { name: 'Tra cứu phản ánh' }).click();
    await page.getByLabel('Mã phản ánh (ví dụ HL-2026-000123, hoặc số đã nghe qua điện thoại)').fill(code);
    await page.getByLabel('Mã tra cứu (6 chữ số)').fill(secret);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('heading', { name: code }).waitFor();
    assert.equal(await page.locator('dd.status').textContent(), 'Đã tiếp nhận');
    await page.getByLabel('Gửi thêm ý kiến').fill('Tôi muốn bổ sung giấy tờ');
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    await page.getByText('Đã nhận ý kiến của bạn.').waitFor();
    assert.match(await page.locator('main').innerText(), /Bạn đã viết: «Tôi muốn bổ sung giấy tờ»/);
    await screenshot(page, 'citizen-tracking');
  });

  it('says what is missing beside the field when no rating is chosen, in English too', async () => {
    const { page } = env.browser();
    await page.goto(`/p/d/${deskId}?lang=en`);
    await page.getByRole('heading', { name: /Rate the service at/ }).waitFor();
    // The browser's own check would stop an empty choice; the server's answer is what a browser without it gets.
    await page.locator('form').evaluate((form) => form.setAttribute('novalidate', ''));
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Choose a rating.').waitFor();
    assert.equal(await page.locator('fieldset').getAttribute('aria-invalid'), 'true');
  });

  it('fits a 320 px screen without sideways scrolling, with no script on the page', async () => {
    const { page } = env.browser();
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ['/p/', '/p/u/1', `/p/d/${deskId}`, '/p/t']) {
      await page.goto(path);
      const widths = await page.evaluate(
        '({ scroll: document.documentElement.scrollWidth, scripts: document.scripts.length })',
      );
      assert.deepEqual(widths, { scroll: 320, scripts: 0 }, path);
    }
    await screenshot(page, 'citizen-unit-320');
    await page.setViewportSize(PHONE);
  });
});
