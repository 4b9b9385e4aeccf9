import assert from 'node:assert/strict';
import { phonePhotoJpeg } from '../support/test-images';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { assertNoSidewaysScroll, PHONE, screenshot, signIn } from './browser.fixture';

describe('a photo with citizen feedback, in chromium on a phone (360×740), then on the ticket page', function () {
  this.timeout(90_000);
  const env = useAdminBrowser();
  const text = 'Cống thoát nước ngõ 8 bị tắc, nước tràn ra đường';

  before(async () => env.browser().page.setViewportSize(PHONE));

  it('sends feedback with a phone photo from the form without script, and an admin sees it upright on the ticket', async () => {
    const { page } = env.browser();
    await page.goto('/p/u/1/feedback');
    await page.getByLabel('Nội dung góp ý, phản ánh').fill(text);
    await page.getByLabel('Ảnh 1').setInputFiles({
      name: 'IMG_20261203_081500.jpg',
      mimeType: 'image/jpeg',
      buffer: await phonePhotoJpeg(),
    });
    assert.equal(await page.evaluate('document.scripts.length'), 0);
    await assertNoSidewaysScroll(page, 'the feedback form');
    await screenshot(page, 'citizen-feedback-photo-form');
    await page.getByRole('button', { name: 'Gửi góp ý' }).click();
    await page.getByRole('heading', { name: 'Đơn vị đã nhận góp ý của bạn' }).waitFor();
    const code = (await page.locator('strong.code').textContent()) ?? '';
    await screenshot(page, 'citizen-feedback-photo-thanks');
    const ticket = await env.app().db.db.knex('tickets').where({ code }).first('id', 'summary');
    assert.equal(ticket.summary, text);

    await signIn(page, ADMIN);
    await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
    // It had no call, so the log shows where it came from instead of an outcome.
    const listed = page.getByRole('row').filter({ hasText: code });
    assert.equal(await listed.locator('td[data-label="Kết quả"]').textContent(), 'Phản ánh qua trang web');
    await page.goto(`/#/tickets/${ticket.id}`);
    const fact = (term: string) =>
      page
        .locator('.facts div')
        .filter({ has: page.getByText(term, { exact: true }) })
        .locator('dd');
    await fact('Kênh tiếp nhận').waitFor();
    assert.deepEqual(
      [await fact('Kênh tiếp nhận').textContent(), await fact('Kết quả').textContent()],
      ['Phản ánh qua trang web', '—'],
    );
    const photo = page.getByRole('img', { name: `Ảnh 1 người dân gửi kèm phản ánh ${code}` });
    await photo.waitFor();
    await photo.scrollIntoViewIfNeeded();
    // Loaded through the signed-in API, not just placed: its pixels arrived.
    await page.waitForFunction("document.querySelector('.photo img')?.naturalWidth > 0");
    const size = (await page.evaluate(
      "(({ naturalWidth, naturalHeight, clientWidth }) => ({ natural: [naturalWidth, naturalHeight], shownWidth: clientWidth }))(document.querySelector('.photo img'))",
    )) as { natural: number[]; shownWidth: number };
    assert.deepEqual(size.natural, [1000, 1600], 'stored upright, at most 1600 px');
    assert.ok(size.shownWidth <= PHONE.width, `fits the phone (${size.shownWidth} px)`);
    await assertNoSidewaysScroll(page, 'the ticket page with its photo');
    await screenshot(page, 'ticket-citizen-photo');
    const views = await env
      .app()
      .db.db.knex('audit_log')
      .where({ action: 'ticket.view-photo', entity_id: String(ticket.id) });
    assert.equal(views.length, 1, 'the admin’s view is audited');
  });
});
