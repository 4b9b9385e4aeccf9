import assert from 'node:assert/strict';
import { UsersRepository } from '../../core/users/users.repo';
import { ADMIN, WARD_OFFICIAL } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { type Browser, openBrowser, PHONE, screenshot, signIn } from './browser.fixture';

const CLERK = { username: 'van.thu', password: 'Khoa-bi-mat-vanphong-2026' };
const TEXT = 'Cán bộ một cửa yêu cầu nộp thêm tiền ngoài lệ phí';

/** Without no-break spaces: the app writes numbers with them. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('a confidential complaint to the chairman, in chromium on a phone (360×740)', function () {
  this.timeout(120_000);
  const env = useAdminBrowser();
  let code = '';
  let ticketId = 0;

  const as = async (
    user: { username: string; password: string },
    work: (browser: Browser) => Promise<void>,
  ) => {
    const browser = await openBrowser(env.app().baseUrl);
    try {
      await browser.page.setViewportSize(PHONE);
      await signIn(browser.page, user);
      await browser.page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
      await work(browser);
    } finally {
      await browser.close();
    }
  };

  before(async () => {
    const knex = env.app().db.db.knex;
    const clerk = await new UsersRepository(knex).create({ ...CLERK, role: 'admin', displayName: 'Văn thư' });
    await knex('users').where({ id: clerk.id }).update({ reads_complaints: true });
    await env.browser().page.setViewportSize(PHONE);
  });

  it("a citizen sends one from the ward's page and is told who reads it", async () => {
    const { page } = env.browser();
    await page.goto('/p/u/1');
    await page.getByRole('link', { name: 'Phản ánh kín về cán bộ' }).click();
    await page.getByText(/Chỉ Chủ tịch và cán bộ Phòng Nội vụ/).waitFor();
    await page.getByLabel('Nội dung phản ánh (việc gì, ở đâu, khi nào)').fill(TEXT);
    await page.getByLabel('Số điện thoại để Chủ tịch liên hệ (không bắt buộc)').fill('0976 543 219');
    await screenshot(page, 'complaint-form');
    await page.getByRole('button', { name: 'Gửi phản ánh kín' }).click();
    await page.getByRole('heading', { name: 'Chủ tịch đã nhận phản ánh kín của bạn' }).waitFor();
    code = (await page.locator('strong.code').textContent()) ?? '';
    assert.ok(await page.locator('strong.secret').textContent());
    await screenshot(page, 'complaint-thanks');
    const row = await env.app().db.db.knex('tickets').where({ code }).first('id', 'leader_only');
    assert.equal(row.leader_only, true);
    ticketId = row.id;
  });

  it('the permission holder sees it with the sender in full', async () => {
    await as(CLERK, async ({ page }) => {
      await page.goto(`/#/tickets/${ticketId}`);
      await page.locator('.badge.leader-only').waitFor();
      const text = plain(await page.locator('main').innerText());
      assert.match(text, /0976 543 219/);
      assert.match(text, /Cán bộ một cửa yêu cầu nộp thêm tiền/);
      await screenshot(page, 'complaint-holder');
    });
  });

  it('an ordinary admin sees it with the sender masked, and no callback through the unit', async () => {
    // Waiting for a callback, as a phone complaint does: still never rung through the unit's officials.
    await env.app().db.db.knex('tickets').where({ id: ticketId }).update({ needs_callback: true });
    await as(ADMIN, async ({ page }) => {
      await page.goto(`/#/tickets/${ticketId}`);
      await page.locator('.badge.leader-only').waitFor();
      const text = plain(await page.locator('main').innerText());
      assert.doesNotMatch(text, /0976 543 219|976543219/);
      assert.match(text, /Cán bộ một cửa yêu cầu nộp thêm tiền/);
      await page.getByRole('heading', { name: 'Đã gọi lại' }).waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Gọi lại cho người dân' }).count(), 0);
      await screenshot(page, 'complaint-admin-masked');
    });
  });

  it("the ward's own official does not find it in the call log, not even by its code", async () => {
    await as(WARD_OFFICIAL, async ({ page }) => {
      await page.locator('table tbody tr').first().waitFor();
      assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(code));
      assert.equal(await page.getByLabel('Chỉ phản ánh kín gửi Chủ tịch').count(), 0);
      await screenshot(page, 'complaint-official-call-log');
      await page.goto(`/#/calls?q=${encodeURIComponent(code)}`);
      await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
      await page.locator('main').getByText('Không có cuộc gọi nào khớp bộ lọc.').first().waitFor();
      assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(code));
    });
  });
});
