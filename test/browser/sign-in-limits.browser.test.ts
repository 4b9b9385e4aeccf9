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

const DAY_MS = 86_400_000;

describe('admin UI in chromium: sign-in back-off and the known device', function () {
  this.timeout(60_000);
  const env = useAdminBrowser({
    auth: {
      backoff: {
        account: {
          freeFailures: 3,
          firstDelayMs: 10 * 60_000,
          maxDelayMs: 60 * 60_000,
          forgetAfterMs: DAY_MS,
        },
        address: { freeFailures: 50, firstDelayMs: 60_000, maxDelayMs: 60_000, forgetAfterMs: DAY_MS },
      },
    },
  });

  /** A stranger's attempt: no cookies at all, straight at the API. */
  const stranger = (password: string) =>
    fetch(`${env.app().baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: ADMIN.username, password }),
    }).then((res) => res.status);

  it("lets the owner's browser in while strangers' wrong passwords hold the account back, and says wait in Vietnamese elsewhere", async () => {
    const { page, context } = env.browser();
    assert.equal(await attempt(page, ADMIN), 200, 'a first sign-in makes this browser a known device');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();

    for (const n of [1, 2, 3]) assert.equal(await stranger(`not-the-password-${n}`), 401);
    assert.equal(await stranger(ADMIN.password), 429, 'a browser that never signed in waits');

    assert.equal(await attempt(page, ADMIN), 200, 'the known device is not held back');
    await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();

    await context.clearCookies();
    assert.equal(await attempt(page, ADMIN), 429, 'without the device cookie, the account waits');
    const alert = page.getByRole('alert').filter({ hasText: 'Quá nhiều lần thử đăng nhập.' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /Vui lòng đợi \d+ giây rồi thử lại\./);
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
