import { type AdminApp, type AdminAppOptions, startAdminApp } from './admin-app.fixture';
import { type Browser, openBrowser, signIn } from './browser.fixture';

export interface AdminBrowser {
  app(): AdminApp;
  browser(): Browser;
}

/**
 * A fresh admin app (its own database) and a chromium on it for one describe block, closed after
 * it; with `signedInAs`, that user is signed in and on the call log before the first test.
 */
export function useAdminBrowser(
  options: AdminAppOptions & { signedInAs?: { username: string; password: string } } = {},
): AdminBrowser {
  let app: AdminApp | undefined;
  let browser: Browser | undefined;
  before(async () => {
    const { signedInAs, ...appOptions } = options;
    app = await startAdminApp(appOptions);
    browser = await openBrowser(app.baseUrl);
    if (signedInAs) {
      await signIn(browser.page, signedInAs);
      await browser.page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
    }
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the admin app did not start');
    return value;
  };
  return { app: () => started(app), browser: () => started(browser) };
}
