import assert from 'node:assert/strict';
import type { RunningServer } from '../../server/http-server';
import { sound, useIvr } from '../ivr/ivr-harness';
import { createUser, listen, liveApp, PASSWORD } from '../live/live.fixture';
import { answers } from '../support/asterisk';
import { type Browser, openBrowser, screenshot, signIn } from './browser.fixture';

describe('browser: the live board follows a call the emulator carries', function () {
  this.timeout(30_000);
  // Asterisk's seconds are 100 ms here: a 10 s ring timeout lets the official answer after 600 ms.
  const h = useIvr({ ringTimeoutMs: 10_000 });
  let server: RunningServer;
  let browser: Browser;
  let live: ReturnType<typeof liveApp>;

  before(async () => {
    live = liveApp(h);
    live.board.start();
    server = await listen(live.app, 0, '127.0.0.1');
    await createUser(h, 'truc.tiep', 'admin');
    browser = await openBrowser(`http://127.0.0.1:${server.port}`);
  });
  after(async () => {
    await browser?.close();
    live?.board.stop();
    await server?.close(0);
  });

  it('shows the call in the menu, ringing the ward chairman, then talking, without a reload', async () => {
    const { page } = browser;
    page.setDefaultTimeout(5000);
    await signIn(page, { username: 'truc.tiep', password: PASSWORD });
    await page.getByRole('link', { name: 'Trực tiếp' }).click();
    await page.getByRole('heading', { name: 'Trực tiếp', level: 1 }).waitFor();
    await page.getByText('Hiện không có cuộc gọi nào.').waitFor();
    await page
      .locator('.live-status[data-state="live"]')
      .filter({ hasText: 'Đang cập nhật trực tiếp' })
      .waitFor();
    await page.locator('[data-unit="12"]').getByText('Chủ tịch phường Xuân Đỉnh').waitFor();
    let reloads = 0;
    page.on('load', () => {
      reloads += 1;
    });

    // Rings long enough for the board (pushed at most every 200 ms) to show it: an answer is bridged at once.
    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 600, hangsUpAfterMs: 2500 }));
    const call = await h.asterisk().placeCall({ from: '0912345678', to: '0889009412' });
    const row = page.locator('tr[data-call]');
    await page.locator('tr[data-stage="menu"]').waitFor();
    // Masked until the caller has chosen: the call may yet become a confidential complaint.
    assert.match(await row.innerText(), /0\*\*\*78/);
    await call.waitForPlayback(sound('menu'));
    await call.press('12#');
    await page.locator('tr[data-stage="ringing"]').waitFor();
    assert.match(await row.innerText(), /UBND phường Xuân Đỉnh/);
    assert.match(await row.innerText(), /Chủ tịch phường Xuân Đỉnh/);
    assert.match(await row.innerText(), /0912\s345\s678/);
    await page.locator('tr[data-stage="talking"]').waitFor();
    assert.match(await row.innerText(), /đàm thoại/);
    await screenshot(page, 'desktop-live');
    await call.waitForPlayback(sound('survey'), { timeoutMs: 4000 });
    call.hangup();
    await page.getByText('Hiện không có cuộc gọi nào.').waitFor();
    assert.equal(reloads, 0, 'the page never reloaded');
    await h.finalTicket(call.id);
  });
});
