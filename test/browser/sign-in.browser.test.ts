import assert from 'node:assert/strict';
import { ADMIN, NEWCOMER } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { fieldNote, signIn } from './browser.fixture';

describe('admin UI in chromium: sign-in, forced password change, language', function () {
  this.timeout(60_000);
  const ui = useAdminBrowser();

  afterEach(async () => {
    // Each test starts signed out, in Vietnamese.
    await ui.browser().context.clearCookies();
    await ui
      .browser()
      .page.evaluate('localStorage.clear()')
      .catch(() => undefined);
  });

  it('says so, in Vietnamese, when the password is wrong', async () => {
    const { page } = ui.browser();
    await signIn(page, { username: ADMIN.username, password: 'not-the-password' });
    await page.getByRole('alert').filter({ hasText: 'Sai tên đăng nhập hoặc mật khẩu.' }).waitFor();
    assert.equal(
      await page.getByLabel('Mật khẩu', { exact: true }).inputValue(),
      '',
      'the password field is cleared',
    );
  });

  it('makes a user with a temporary password choose a new one before anything else', async () => {
    const { page } = ui.browser();
    await signIn(page, NEWCOMER);
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    await page.getByText('Bạn cần đặt mật khẩu mới trước khi tiếp tục.').waitFor();
    await page.goto('/#/calls');
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    await page.getByLabel('Mật khẩu hiện tại').fill(NEWCOMER.password);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('1234567890');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('1234567890');
    await page.getByRole('button', { name: 'Lưu mật khẩu' }).click();
    await fieldNote(page, 'Mật khẩu mới')
      .filter({ hasText: 'Mật khẩu mới là dãy phím, dãy số hoặc ký tự lặp lại' })
      .waitFor();
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEWCOMER.next);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(NEWCOMER.next);
    await page.getByRole('button', { name: 'Lưu mật khẩu' }).click();
    await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
    const row = await ui
      .app()
      .db.db.knex('users')
      .where({ username: NEWCOMER.username })
      .first('must_change_password');
    assert.equal(row.must_change_password, false);
  });

  it('switches to English and keeps the choice after a reload, then back to Vietnamese', async () => {
    const { page } = ui.browser();
    await signIn(page, ADMIN);
    await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Call log' }).waitFor();
    assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
    await page.reload();
    await page.getByRole('heading', { name: 'Call log' }).waitFor();
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
  });

  it('signs out back to the sign-in form', async () => {
    const { page } = ui.browser();
    await signIn(page, ADMIN);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    const me = await page.request.get('/api/v1/auth/me');
    assert.equal(me.status(), 401);
  });
});
