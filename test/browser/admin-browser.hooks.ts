import { type AdminApp, type AdminAppOptions, startAdminApp } from './admin-app.fixture';
import { type Browser, openBrowser } from './browser.fixture';

export interface AdminBrowser {
  app(): AdminApp;
  browser(): Browser;
}

/** A fresh admin app (its own database) and a chromium on it for one describe block, closed after it. */
export function useAdminBrowser(options: AdminAppOptions = {}): AdminBrowser {
  let app: AdminApp | undefined;
  let browser: Browser | undefined;
  before(async () => {
    app = await startAdminApp(options);
    browser = await openBrowser(app.baseUrl);
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
