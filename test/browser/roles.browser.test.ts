import assert from 'node:assert/strict';
import { VIEWER, WARD_OFFICIAL } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { signIn } from './browser.fixture';

describe('admin UI in chromium: what a viewer and a ward official see', function () {
  this.timeout(60_000);
  const ui = useAdminBrowser();

  afterEach(async () => {
    // Each test signs in as its own user.
    await ui.browser().context.clearCookies();
  });

  it('shows a viewer every call with the caller numbers masked', async () => {
    const { page } = ui.browser();
    await signIn(page, VIEWER);
    await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
    const rows = page.locator('table.calls tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 16, 'a viewer sees every unit');
    const callers = await rows.locator('td[data-label="Người gọi"]').allTextContents();
    for (const caller of callers) assert.match(caller, /\*\*\*/, `caller "${caller}" is masked`);
    // Neither as stored (+84…) nor as the UI would write it (0… with spaces) anywhere in the page.
    const stored: string[] = await ui.app().db.db.knex('tickets').pluck('caller_number');
    const html = (await page.content()).replace(/\s/g, '');
    for (const number of stored) {
      assert.ok(!html.includes(number), `${number} is not in the page`);
      assert.ok(!html.includes(`0${number.slice(3)}`), `${number} is not in the page in national form`);
    }
  });

  it('gives a viewer a read-only ticket: no edit form, no note form, no callback button', async () => {
    const { page } = ui.browser();
    const { code } = await ui
      .app()
      .db.db.knex('tickets')
      .where({ id: ui.app().tickets.answered })
      .first('code');
    await signIn(page, VIEWER);
    await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
    await page.goto(`/#/tickets/${ui.app().tickets.answered}`);
    await page.getByRole('heading', { name: `Phản ánh ${code}` }).waitFor();
    await page.getByText('Bạn chỉ có quyền xem phản ánh này.').waitFor();
    // The timeline is there, so the page has finished drawing before the absences are checked.
    await page.locator('ol.timeline').getByText('Người gọi đánh giá: Không hài lòng').waitFor();
    assert.equal(await page.locator('form').count(), 0, 'no form of any kind');
    for (const name of ['Lưu thay đổi', 'Thêm ghi chú', 'Gọi lại']) {
      assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, `no "${name}"`);
    }
    const caller = page.locator('dl.facts div').filter({ hasText: 'Người gọi' }).locator('dd');
    assert.match(await caller.innerText(), /^0\*\*\*21$/);
  });

  it("lists only the ward official's own ward in the call log", async () => {
    const { page } = ui.browser();
    const ward = await ui
      .app()
      .db.db.knex('units')
      .where({ code: WARD_OFFICIAL.unitCode })
      .first('id', 'name');
    const expected = await ui.app().db.db.knex('tickets').where({ unit_id: ward.id }).count<{ n: number }[]>({
      n: '*',
    });
    await signIn(page, WARD_OFFICIAL);
    await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
    const rows = page.locator('table.calls tbody tr');
    const n = Number(expected[0]?.n);
    assert.ok(n > 0 && n < 16, 'the seed gives the ward some of the calls, not all');
    await page.getByText(`Đang hiển thị ${n} cuộc gọi`).waitFor();
    assert.equal(await rows.count(), n);
    const units = await rows.locator('td[data-label="Đơn vị"]').allTextContents();
    assert.deepEqual([...new Set(units)], [ward.name]);
  });

  it("gives a ward official their ticket's edit form without the confidential mark, which only Home Affairs sets", async () => {
    const { page } = ui.browser();
    const ward = await ui.app().db.db.knex('units').where({ code: WARD_OFFICIAL.unitCode }).first('id');
    const own = await ui.app().db.db.knex('tickets').where({ unit_id: ward.id }).first('id');
    await signIn(page, WARD_OFFICIAL);
    await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
    await page.goto(`/#/tickets/${own.id}`);
    await page.locator('form.edit').waitFor();
    assert.equal(await page.locator('form.edit textarea[name="summary"]').count(), 1);
    assert.equal(await page.locator('form.edit input[name="confidential"]').count(), 0);
  });

  it("shows a ward official the not-found state for another ward's ticket opened by URL", async () => {
    const { page } = ui.browser();
    const other = await ui
      .app()
      .db.db.knex('tickets')
      .where({ id: ui.app().tickets.voicemail })
      .first('code', 'caller_number');
    await signIn(page, WARD_OFFICIAL);
    await page.getByRole('heading', { name: 'Nhật ký cuộc gọi' }).waitFor();
    await page.goto(`/#/tickets/${ui.app().tickets.voicemail}`);
    await page.getByRole('alert').filter({ hasText: 'Không tìm thấy trang này.' }).waitFor();
    const text = await page.locator('main').innerText();
    assert.ok(!text.includes(other.code), 'the ticket code is not shown');
    assert.ok(!text.includes('Phản ánh HL-'), 'no ticket heading');
    assert.equal(await page.locator('ol.timeline, dl.facts, audio').count(), 0, 'none of its data');
  });
});
