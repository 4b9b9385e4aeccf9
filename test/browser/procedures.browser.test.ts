import assert from 'node:assert/strict';
import { ProceduresRepository } from '../../core/procedures/procedures.repo';
import { sampleProcedures } from '../../core/seed/procedures.load';
import { ADMIN } from './admin-app.fixture';
import { useAdminBrowser } from './admin-browser.hooks';
import { assertNoSidewaysScroll, fieldNote, ISSUE_VIEWPORTS, PHONE, screenshot } from './browser.fixture';

describe('admin UI in chromium: the procedures catalogue', function () {
  this.timeout(90_000);
  const ui = useAdminBrowser({ signedInAs: ADMIN });

  before(async () => {
    await new ProceduresRepository(ui.app().db.db.knex).addMissing(sampleProcedures());
  });

  it('adds a procedure, naming a bad code at its field first, then edits it', async () => {
    const { page } = ui.browser();
    await page.getByRole('link', { name: 'Thủ tục hành chính' }).click();
    await page.getByRole('heading', { name: 'Danh mục thủ tục hành chính', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Đăng ký khai sinh' }).waitFor();
    const form = page.locator('form.procedure-form');
    await form.getByLabel('Tên thủ tục').fill('Đăng ký giám hộ thử');
    await form.getByLabel('Mã thủ tục').fill('Giam Ho');
    await form.getByLabel('Thành phần hồ sơ').fill('Tờ khai đăng ký giám hộ\nVăn bản cử người giám hộ');
    await form.getByLabel('Phí, lệ phí').fill('Miễn lệ phí');
    await form.getByLabel('Thời hạn giải quyết').fill('03 ngày làm việc');
    await form.getByLabel('Căn cứ pháp lý').fill('Luật Hộ tịch số 60/2014/QH13');
    await form.getByRole('button', { name: 'Thêm thủ tục' }).click();
    await fieldNote(form, 'Mã thủ tục').waitFor();
    assert.match((await fieldNote(form, 'Mã thủ tục').textContent()) ?? '', /chữ thường không dấu/);
    await form.getByLabel('Mã thủ tục').fill('giam-ho-thu');
    await form.getByRole('button', { name: 'Thêm thủ tục' }).click();
    await page.getByRole('heading', { name: 'Đăng ký giám hộ thử', level: 1 }).waitFor();
    const stored = await ui.app().db.db.knex('procedures').where({ code: 'giam-ho-thu' }).first();
    assert.deepEqual(stored.documents, ['Tờ khai đăng ký giám hộ', 'Văn bản cử người giám hộ']);
    assert.match(await page.locator('main').innerText(), /Cập nhật: \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    assert.equal(
      await page.getByRole('link', { name: 'PDF A4' }).getAttribute('href'),
      `/api/v1/procedures/${stored.id}/poster.pdf?size=A4`,
    );
    await page
      .locator('form.procedure-form')
      .getByLabel('Phí, lệ phí')
      .fill('Miễn lệ phí (Điều 11 Luật Hộ tịch)');
    await page.getByRole('button', { name: 'Lưu thủ tục' }).click();
    await page.getByText('Đã lưu.').waitFor();
    const changed = await ui.app().db.db.knex('procedures').where({ id: stored.id }).first('fees');
    assert.equal(changed.fees, 'Miễn lệ phí (Điều 11 Luật Hộ tịch)');
    await page.getByRole('button', { name: 'Ngừng áp dụng thủ tục' }).click();
    await page.getByRole('heading', { name: 'Đăng ký giám hộ thử', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'PDF A4' }).waitFor({ state: 'detached' });
  });

  for (const [label, viewport] of ISSUE_VIEWPORTS) {
    it(`reads on a ${label} (${viewport.width} px) without sideways scrolling`, async () => {
      const { page } = ui.browser();
      await page.setViewportSize(viewport);
      await page.goto('/#/procedures');
      await page.getByRole('heading', { name: 'Danh mục thủ tục hành chính', level: 1 }).waitFor();
      await page.locator('table.procedures tbody tr').first().waitFor();
      await assertNoSidewaysScroll(page, `procedures on ${label}`);
      await screenshot(page, `procedures-${label}`);
      const id = (await ui.app().db.db.knex('procedures').where({ code: 'khai-sinh' }).first('id')).id;
      await page.goto(`/#/procedures/${id}`);
      await page.getByRole('heading', { name: 'Đăng ký khai sinh', level: 1 }).waitFor();
      await assertNoSidewaysScroll(page, `a procedure on ${label}`);
      await screenshot(page, `procedure-${label}`);
    });
  }
});

describe('citizen site in chromium on a phone (360×740): a procedure sheet and feedback about it', function () {
  this.timeout(60_000);
  const env = useAdminBrowser();

  before(async () => {
    await new ProceduresRepository(env.app().db.db.knex).addMissing(sampleProcedures());
    await env.browser().page.setViewportSize(PHONE);
  });

  it("opens a procedure from its unit's list, reads the sheet, and sends feedback that carries the procedure", async () => {
    const { page } = env.browser();
    await page.goto('/p/u/1');
    await page.getByRole('link', { name: 'Thủ tục hành chính' }).click();
    await page.getByRole('link', { name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản' }).click();
    await page
      .getByRole('heading', { name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', level: 1 })
      .waitFor();
    const sheet = await page.locator('main').innerText();
    for (const text of [
      'Thành phần hồ sơ',
      'Phí, lệ phí',
      '2.000 đồng/trang',
      'Thời hạn giải quyết',
      'Căn cứ pháp lý',
      'Nghị định 23/2015/NĐ-CP',
    ]) {
      assert.ok(sheet.includes(text), `${text} on the sheet`);
    }
    await assertNoSidewaysScroll(page, 'a procedure sheet at 360 px');
    assert.equal(await page.evaluate('document.scripts.length'), 0);
    await screenshot(page, 'citizen-procedure-sheet', { firstScreen: true });
    await page.getByRole('heading', { name: 'Gửi phản ánh về thủ tục này' }).scrollIntoViewIfNeeded();
    const unit = await env.app().db.db.knex('units').where({ code: '1' }).first('id', 'name');
    assert.equal(await page.getByLabel('Phường, xã nơi bạn làm thủ tục (không bắt buộc)').inputValue(), '1');
    await page
      .getByLabel('Nội dung góp ý, phản ánh')
      .fill('Bộ phận một cửa thu phí chứng thực cao hơn mức niêm yết.');
    await page.getByLabel('Số điện thoại để cán bộ liên hệ (không bắt buộc)').fill('0912 345 678');
    await page.getByRole('button', { name: 'Gửi góp ý' }).click();
    await page.getByRole('heading', { name: 'Đơn vị đã nhận góp ý của bạn' }).waitFor();
    const code = await page.locator('strong.code').textContent();
    await screenshot(page, 'citizen-procedure-feedback-thanks');
    const knex = env.app().db.db.knex;
    const ticket = await knex('tickets').where({ code }).first();
    const procedure = await knex('procedures').where({ code: 'chung-thuc-ban-sao' }).first('id');
    assert.deepEqual(
      [ticket.channel, ticket.procedure_id, ticket.unit_id, ticket.caller_number],
      ['web-feedback', procedure.id, unit.id, '+84912345678'],
    );
    await page.getByRole('link', { name: 'Quay lại trang thủ tục' }).click();
    await page
      .getByRole('heading', { name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', level: 1 })
      .waitFor();
  });

  it('fits a 320 px screen without sideways scrolling', async () => {
    const { page } = env.browser();
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ['/p/tt', '/p/u/1/tt', '/p/tt/cap-gcn-lan-dau', '/p/tt/dang-ky-thuong-tru']) {
      await page.goto(path);
      await assertNoSidewaysScroll(page, `${path} at 320 px`);
    }
    await screenshot(page, 'citizen-procedure-320');
    await page.setViewportSize(PHONE);
  });
});
