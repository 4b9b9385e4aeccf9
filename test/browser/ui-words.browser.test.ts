import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { en } from '../../server/web/src/i18n.en';
import { vi } from '../../server/web/src/i18n.vi';
import { ADMIN, type AdminApp, startAdminApp } from './admin-app.fixture';
import { type Browser, fieldNote, openBrowser, screenshot, signIn } from './browser.fixture';

/** Each size sets its own due time, so each save changes something. */
const SIZES = [
  {
    name: 'desktop',
    viewport: { width: 1366, height: 900 },
    due: ['20/12/2026 17:00', '2026-12-20T10:00:00.000Z'],
  },
  {
    name: 'phone',
    viewport: { width: 390, height: 844 },
    due: ['21/12/2026 08:15', '2026-12-21T01:15:00.000Z'],
  },
] as const;

/** English UI strings that Vietnamese never uses: any of them on a Vietnamese page leaked through. */
const ENGLISH_ONLY = [...new Set(Object.values(en))]
  .filter((text) => text.length >= 8 && !Object.values(vi).includes(text) && !/[{}]/.test(text))
  .map((text) => text.replace(/[.…]$/, ''));

async function assertNoEnglish(page: Page, where: string): Promise<void> {
  const text = await page.locator('body').innerText();
  const leaked = ENGLISH_ONLY.filter((phrase) => text.includes(phrase));
  assert.deepEqual(leaked, [], `${where} shows English while Vietnamese is chosen`);
  assert.doesNotMatch(text, /\b(must|required|Invalid|is not|cannot)\b/, `${where} shows a server's English`);
}

/** Opens a ticket and waits for its own page, not the one of the ticket before it. */
async function openTicket(page: Page, app: AdminApp, id: number): Promise<void> {
  const { code } = await app.db.db.knex('tickets').where({ id }).first('code');
  await page.goto(`/#/tickets/${id}`);
  await page.getByRole('heading', { name: `Phản ánh ${code}`, level: 1 }).waitFor();
}

/**
 * Issue 12's words, in a Chromium whose own locale is en-US (the browser's date pickers and
 * bubbles would speak American English): errors at their fields in the app's language, a
 * visible confirmation, dd/mm/yyyy 24-hour dates in Vietnam time, numbers in one national
 * format on one line, every timeline value in words, one state on the live board, and a page
 * load that asks nothing the server refuses.
 */
describe('admin UI in chromium (en-US locale): its words, dates, numbers and states', function () {
  this.timeout(60_000);
  let app: AdminApp;
  let browser: Browser;

  before(async () => {
    app = await startAdminApp();
    const knex = app.db.db.knex;
    // A step the IVR records when it skips an official whose phone is off.
    await knex('ticket_events').insert({
      ticket_id: app.tickets.answered,
      at: new Date(),
      kind: 'target.result',
      seq: 99,
      data: JSON.stringify({
        name: 'Phó Chủ tịch',
        dial: '+84900000102',
        isFallback: false,
        result: 'skipped-unreachable',
      }),
    });
    browser = await openBrowser(app.baseUrl, { locale: 'en-US' });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('loads the page without a refused request or a favicon.ico, then signs in', async () => {
    const { page } = browser;
    const refused: string[] = [];
    const asked: string[] = [];
    page.on('response', (res) => {
      if (res.status() >= 400) refused.push(`${res.status()} ${res.url()}`);
    });
    page.on('request', (req) => asked.push(new URL(req.url()).pathname));
    await page.goto('/');
    await page.getByLabel('Tên đăng nhập').waitFor();
    assert.deepEqual(refused, []);
    assert.ok(asked.includes('/api/v1/auth/session'));
    assert.ok(!asked.includes('/favicon.ico'), 'no favicon.ico request');
    await signIn(page, ADMIN);
    await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
  });

  for (const size of SIZES) {
    describe(`at ${size.viewport.width}×${size.viewport.height}`, () => {
      before(async () => browser.page.setViewportSize(size.viewport));

      it('shows the app’s own message at a field left empty, never the browser’s bubble', async () => {
        const { page } = browser;
        await page.goto('/#/units');
        const form = page.locator('form.unit-form');
        await form.getByRole('button', { name: 'Tạo đơn vị' }).click();
        await fieldNote(form, 'Tên đơn vị').filter({ hasText: 'Vui lòng nhập thông tin này.' }).waitFor();
        const name = form.getByLabel('Tên đơn vị', { exact: true });
        assert.equal(await name.getAttribute('aria-invalid'), 'true');
        assert.notEqual(await form.getAttribute('novalidate'), null, 'the browser does not validate');
        await assertNoEnglish(page, 'the units screen');
        await screenshot(page, `${size.name}-field-error`);
      });

      it('words a server refusal at its field: a reopening needs a reason', async () => {
        const { page } = browser;
        const id = app.tickets.voicemail;
        await app.db.db.knex('tickets').where({ id }).update({ status: 'resolved' });
        await openTicket(page, app, id);
        const form = page.locator('form.edit');
        await form.getByLabel('Trạng thái', { exact: true }).selectOption({ label: 'Đang xử lý' });
        await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
        await fieldNote(form, 'Lý do đổi trạng thái')
          .filter({ hasText: 'Cần ghi lý do khi chuyển phản ánh từ “Đã giải quyết” trở lại “Đang xử lý”.' })
          .waitFor();
        await assertNoEnglish(page, 'the ticket screen');
      });

      it('takes and shows a due time as dd/mm/yyyy 24-hour Vietnam time, and confirms the save visibly', async () => {
        const { page } = browser;
        const id = app.tickets.answered;
        await openTicket(page, app, id);
        const due = page.locator('form.edit').getByLabel('Hạn xử lý');
        assert.match(await due.inputValue(), /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
        assert.equal(await due.getAttribute('type'), 'text');
        await due.fill(size.due[0]);
        // Read as soon as the save is answered: the toast stays a few seconds only.
        await Promise.all([
          page.waitForResponse((res) => res.request().method() === 'PATCH' && res.status() === 200),
          page.locator('form.edit').getByRole('button', { name: 'Lưu thay đổi' }).click(),
        ]);
        const toast = page.locator('.toast[role="status"]');
        await toast.filter({ hasText: 'Đã lưu.' }).waitFor();
        assert.ok(await toast.isVisible(), 'the confirmation is on screen');
        await screenshot(page, `${size.name}-saved-toast`);
        const row = await app.db.db.knex('tickets').where({ id }).first('due_at');
        assert.equal(new Date(row.due_at).toISOString(), size.due[1]);
        const facts = page.locator('dl.facts div').filter({ hasText: 'Hạn xử lý' }).locator('dd');
        await facts.filter({ hasText: size.due[0] }).waitFor();
        assert.doesNotMatch(await page.locator('main').innerText(), /\b(AM|PM)\b/);
      });

      it('words every step of the timeline and shows numbers nationally, each on one line', async () => {
        const { page } = browser;
        await openTicket(page, app, app.tickets.answered);
        const timeline = page.locator('ol.timeline');
        await timeline.getByText('bỏ qua vì máy không liên lạc được').waitFor();
        assert.doesNotMatch(await timeline.innerText(), /skipped-unreachable|target\.result/);
        const caller = page.locator('dl.facts div').filter({ hasText: 'Người gọi' }).locator('dd');
        assert.equal(await caller.innerText(), '0987\u00a0654\u00a0321');
        const lines = Number(
          await page.evaluate(
            `(() => { const range = document.createRange(); range.selectNodeContents(document.querySelectorAll('dl.facts dd')[1]); return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size; })()`,
          ),
        );
        assert.equal(lines, 1, 'the number sits on one line');
        await assertNoEnglish(page, 'the ticket timeline');
        await screenshot(page, `${size.name}-ticket-words`);
      });

      it('shows call-log numbers in the national format and the filters’ dates as dd/mm/yyyy', async () => {
        const { page } = browser;
        await page.goto('/#/calls?from=2026-11-16');
        await page.locator('table').first().waitFor();
        assert.equal(await page.getByLabel('Từ ngày').inputValue(), '16/11/2026');
        const body = await page.locator('main').innerText();
        assert.doesNotMatch(body, /\+84\d/);
        assert.match(body, /0987\u00a0654\u00a0321/);
        await assertNoEnglish(page, 'the call log');
        await screenshot(page, `${size.name}-call-log-words`);
      });

      it('says one state on the live board, never "live" when nothing is connected', async () => {
        const { page } = browser;
        await page.goto('/#/live');
        const status = page.locator('.live-status');
        await status
          .filter({ hasText: 'Màn hình theo dõi trực tiếp chưa hoạt động trên máy chủ này.' })
          .waitFor();
        assert.doesNotMatch(await page.locator('main').innerText(), /Đang cập nhật trực tiếp/);
        await assertNoEnglish(page, 'the live board');
        await screenshot(page, `${size.name}-live-state`);
      });
    });
  }
});
