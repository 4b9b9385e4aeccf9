import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ADMIN, VIEWER } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { signIn } from './browser.fixture';

/** Submits the sign-in form and waits for the API's answer, so attempts are counted one by one. */
async function attempt(page: Page, user: { username: string; password: string }): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
    signIn(page, user),
  ]);
  return response.status();
}

/** The lock-out time as the sign-in screen writes it: Vietnam wall-clock time, hh:mm:ss. */
function vietnamTime(at: Date): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(at);
}

describe('admin UI in chromium: account lock-out message', function () {
  this.timeout(60_000);
  const env = useAdminBrowser({ auth: { maxFailedLogins: 3, lockoutMs: 10 * 60_000 } });

  it('tells the user the account is locked and until when, after repeated wrong passwords', async () => {
    const { page } = env.browser();
    const wrong = { username: ADMIN.username, password: 'not-the-password' };
    assert.equal(await attempt(page, wrong), 401);
    assert.equal(await attempt(page, wrong), 401);
    assert.equal(await attempt(page, wrong), 423, 'the third wrong password locks the account');
    const row = await env.app().db.db.knex('users').where({ username: ADMIN.username }).first('locked_until');
    assert.ok(row.locked_until instanceof Date, 'the account is locked in the database');
    await page
      .getByRole('alert')
      .filter({
        hasText: `Tài khoản tạm khoá do nhập sai nhiều lần. Thử lại sau ${vietnamTime(row.locked_until)}.`,
      })
      .waitFor();

    // The right password does not get in while the lock holds.
    assert.equal(await attempt(page, ADMIN), 423);
    await page.getByRole('alert').filter({ hasText: 'Tài khoản tạm khoá' }).waitFor();
    assert.equal((await page.request.get('/api/v1/auth/me')).status(), 401);
  });
});

describe('admin UI in chromium: too many sign-in attempts message', function () {
  this.timeout(60_000);
  const env = useAdminBrowser({ loginRateLimit: { max: 2, windowMs: 60_000 } });

  it('asks the user to wait, with the seconds left, once the address made too many attempts', async () => {
    const { page } = env.browser();
    // Different accounts, so it is the per-address limit that trips, not an account's lock-out.
    assert.equal(await attempt(page, { username: ADMIN.username, password: 'not-the-password' }), 401);
    assert.equal(await attempt(page, { username: VIEWER.username, password: 'not-the-password' }), 401);
    assert.equal(await attempt(page, VIEWER), 429, 'even the right password is refused');
    const alert = page.getByRole('alert').filter({ hasText: 'Quá nhiều lần thử đăng nhập.' });
    await alert.waitFor();
    const seconds = /Vui lòng đợi (\d+) giây rồi thử lại\./.exec(await alert.innerText());
    assert.ok(seconds, `the message names the seconds to wait: ${await alert.innerText()}`);
    const wait = Number(seconds[1]);
    assert.ok(wait >= 1 && wait <= 60, `waits within the 60 s window (got ${wait})`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  });
});
