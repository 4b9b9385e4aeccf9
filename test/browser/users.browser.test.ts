import assert from 'node:assert/strict';
import { ADMIN, VIEWER, WARD_OFFICIAL } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { assertNoSidewaysScroll, ISSUE_VIEWPORTS, screenshot, signIn } from './browser.fixture';

/** Signs in through the API from outside the browser, as a second device would; returns its cookie. */
async function signInElsewhere(
  baseUrl: string,
  user: { username: string; password: string },
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(user),
  });
  assert.equal(res.status, 200, await res.text());
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('admin UI in chromium: user management', function () {
  this.timeout(90_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });
  const knex = () => ui.app().db.db.knex;
  const userId = async (username: string) =>
    (await knex()('users').where({ username }).first('id')).id as number;

  it('creates a ward official with a display name and a unit from the "Người dùng" screen', async () => {
    const { page } = ui.browser();
    await page.getByRole('link', { name: 'Người dùng' }).click();
    await page.getByRole('heading', { name: 'Người dùng', level: 1 }).waitFor();
    const form = page.locator('form.account-form');
    await form.getByLabel('Tên đăng nhập').fill('pho.chu.tich.p1');
    await form.getByLabel('Họ và tên').fill('Phạm Thị Phó');
    await form.getByLabel('Vai trò').selectOption({ label: 'Cán bộ phường' });
    const ward1 = await knex()('units').where({ code: '1' }).first('name');
    await form.getByLabel(`1 · ${ward1.name}`).check();
    await form.getByLabel('Mật khẩu tạm thời').fill('Mat-khau-tam-p1-2026');
    await form.getByRole('button', { name: 'Tạo người dùng' }).click();
    await page.getByRole('heading', { name: 'Phạm Thị Phó (pho.chu.tich.p1)' }).waitFor();

    const scope = await knex()('user_units')
      .join('units', 'units.id', 'user_units.unit_id')
      .where({ user_id: await userId('pho.chu.tich.p1') })
      .pluck('units.code');
    assert.deepEqual(scope, ['1']);
  });

  it('deactivating a signed-in user ends their session on their other device at once', async () => {
    const { page } = ui.browser();
    const cookie = await signInElsewhere(ui.app().baseUrl, WARD_OFFICIAL);
    const asOfficial = () => fetch(`${ui.app().baseUrl}/api/v1/auth/me`, { headers: { cookie } });
    assert.equal((await asOfficial()).status, 200);

    await page.goto(`/#/users/${await userId(WARD_OFFICIAL.username)}`);
    await page.getByRole('heading', { name: WARD_OFFICIAL.username, level: 1 }).waitFor();
    await page.getByLabel('Cho phép đăng nhập').uncheck();
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/users/')),
      page.getByRole('button', { name: 'Lưu thay đổi' }).click(),
    ]);
    assert.equal(saved.status(), 200);
    await page.getByText('Đã khoá tài khoản').first().waitFor();
    assert.equal((await asOfficial()).status, 401);
  });

  it('refuses in Vietnamese an admin deactivating their own account', async () => {
    const { page } = ui.browser();
    await page.goto(`/#/users/${await userId(ADMIN.username)}`);
    await page.getByRole('heading', { name: `Nguyễn Thị Hạnh (${ADMIN.username})`, level: 1 }).waitFor();
    await page.getByLabel('Cho phép đăng nhập').uncheck();
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page
      .getByRole('alert')
      .filter({
        hasText: 'Bạn không thể khoá, hạ vai trò hay đặt lại mật khẩu tài khoản của chính mình ở đây.',
      })
      .waitFor();
    assert.equal((await knex()('users').where({ username: ADMIN.username }).first('active')).active, true);
  });

  it('resets a password, refusing a weak one with its reason first, and unlocks a held-back user', async () => {
    const { page } = ui.browser();
    await knex()('sign_in_failures').insert({
      key: `account:${VIEWER.username}`,
      failures: 7,
      last_failed_at: new Date(),
    });
    await page.goto(`/#/users/${await userId(VIEWER.username)}`);
    await page.getByRole('heading', { name: `Trần Văn Xem (${VIEWER.username})`, level: 1 }).waitFor();
    await page.getByText('Đang hoạt động · 7 lần đăng nhập sai').waitFor();
    const reset = page.locator('form.reset-form');
    await reset.getByLabel('Mật khẩu tạm thời').fill('1234567890');
    await reset.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    await reset.getByRole('alert').waitFor();
    assert.doesNotMatch((await reset.getByRole('alert').textContent()) ?? '', /[Pp]assword|must/);

    await reset.getByLabel('Mật khẩu tạm thời').fill('Mat-khau-moi-xem-2026');
    await reset.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    // A reset also lifts the hold on the name, so the unlock panel has nothing left to do.
    await page.getByText('Không có lần đăng nhập sai nào đang tính.').waitFor();
    const row = await knex()('users').where({ username: VIEWER.username }).first('must_change_password');
    assert.equal(row.must_change_password, true);

    await knex()('sign_in_failures').insert({
      key: `account:${VIEWER.username}`,
      failures: 3,
      last_failed_at: new Date(),
    });
    await page.reload();
    await page.getByRole('button', { name: 'Mở khoá đăng nhập' }).click();
    await page.getByText('Không có lần đăng nhập sai nào đang tính.').waitFor();
    assert.equal((await knex()('sign_in_failures').where({ key: `account:${VIEWER.username}` })).length, 0);
  });

  for (const [label, viewport] of ISSUE_VIEWPORTS) {
    it(`shows the users list and one user on a ${label} (${viewport.width} px) without sideways scrolling`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      await page.goto('/#/users');
      await page.getByRole('heading', { name: 'Người dùng', level: 1 }).waitFor();
      await assertNoSidewaysScroll(page, `users on ${label}`);
      await screenshot(page, `users-${label}`);
      await page.goto(`/#/users/${await userId(WARD_OFFICIAL.username)}`);
      await page.getByRole('heading', { name: WARD_OFFICIAL.username, level: 1 }).waitFor();
      await assertNoSidewaysScroll(page, `one user on ${label}`);
      await screenshot(page, `user-${label}`);
    });
  }

  it('offers the screen to admins only', async () => {
    const { page } = ui.browser();
    await ui.browser().context.clearCookies();
    await signIn(page, { username: VIEWER.username, password: 'Mat-khau-moi-xem-2026' });
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).first().waitFor();
    await page.goto('/#/calls');
    assert.equal(await page.getByRole('link', { name: 'Người dùng' }).count(), 0);
  });
});
