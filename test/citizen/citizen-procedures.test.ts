import assert from 'node:assert/strict';
import request from 'supertest';
import type { NewProcedure } from '../../core/procedures/procedure';
import { ProceduresRepository } from '../../core/procedures/procedures.repo';
import { sampleProcedures } from '../../core/seed/procedures.load';
import { type ApiHarness, apiHarness, insertUnits } from '../api/api.fixture';
import { countRows } from '../support/tables';

const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

describe('citizen site: procedure sheets (/p/tt/...) and feedback about a procedure', () => {
  let h: ApiHarness;
  let ward: number;
  let other: number;
  let ownId: number;

  const post = (path: string, form: Record<string, string>) =>
    request(h.app).post(path).type('form').send(form);

  before(async () => {
    h = await apiHarness();
    const units = await insertUnits(h.knex, [
      { code: '1', name: 'Phường Phúc Diễn' },
      { code: '12', name: 'Phường Xuân Đỉnh' },
    ]);
    ward = units.get('1') as number;
    other = units.get('12') as number;
    const repo = new ProceduresRepository(h.knex);
    await repo.addMissing(sampleProcedures());
    ownId = (
      await repo.create({
        ...(sampleProcedures()[0] as NewProcedure),
        code: 'rieng-phuc-dien',
        name: 'Cấp giấy phép riêng của Phúc Diễn',
        unitId: ward,
        notes: null,
      })
    ).id;
    const retired = await repo.create({
      ...(sampleProcedures()[0] as NewProcedure),
      code: 'da-bo',
      name: 'Thủ tục đã bỏ',
      unitId: null,
    });
    await repo.update(retired.id, { active: false });
  });
  after(async () => h?.test.drop());

  it('shows a sheet: documents, fees, time, legal basis, where it is handled, the portal link, the feedback form', async () => {
    const res = await request(h.app).get('/p/tt/khai-sinh').expect(200).expect('Content-Type', /html/);
    assert.match(res.text, /<h1>Đăng ký khai sinh<\/h1>/);
    for (const text of [
      '<h2>Thành phần hồ sơ</h2><ol><li>Tờ khai đăng ký khai sinh theo mẫu</li>',
      '<h2>Phí, lệ phí</h2><p>Miễn lệ phí khi đăng ký đúng hạn',
      '<h2>Thời hạn giải quyết</h2><p>Ngay trong ngày',
      '<li>Luật Hộ tịch số 60/2014/QH13</li>',
      'Nghị định 123/2015/NĐ-CP',
      '<h2>Nơi giải quyết</h2><p>Ủy ban nhân dân phường, xã nơi bạn cư trú</p>',
      'href="https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"',
      'Gửi phản ánh về thủ tục này',
      'action="/p/tt/khai-sinh/feedback"',
      '<option value="12">Phường Xuân Đỉnh</option>',
    ]) {
      assert.ok(res.text.includes(text), `${text} in the page`);
    }
    const own = await request(h.app).get('/p/tt/rieng-phuc-dien').expect(200);
    assert.match(own.text, /<h2>Nơi giải quyết<\/h2><p>Phường Phúc Diễn<\/p>/);
    assert.doesNotMatch(own.text, /<select/, 'a unit’s own procedure needs no choice of ward');
  });

  it('is small, scriptless and under the site’s strict CSP, and readable on a narrow phone', async () => {
    const css = await request(h.app).get('/p/site.css').expect(200);
    for (const path of ['/p/tt', '/p/u/1/tt', ...sampleProcedures().map((p) => `/p/tt/${p.code}`)]) {
      const res = await request(h.app).get(path).expect(200);
      assert.equal(res.headers['content-security-policy'], CSP, path);
      assert.doesNotMatch(res.text, /<script|\/assets\/|\/api\/v1|style=/i, path);
      const bytes = Buffer.byteLength(res.text) + Buffer.byteLength(css.text);
      assert.ok(bytes < 100 * 1024, `${path}: ${bytes} bytes with its stylesheet`);
      assert.match(res.text, /<meta name="viewport" content="width=device-width,initial-scale=1">/);
    }
    assert.match(css.text, /main\{overflow-wrap:break-word\}/, 'long instrument names wrap at 320 px');
  });

  it("lists a unit's procedures, its own with every ward's, each link keeping the unit; the unit page links there", async () => {
    const res = await request(h.app).get('/p/u/1/tt').expect(200);
    assert.match(res.text, /<h1>Thủ tục hành chính tại Phường Phúc Diễn<\/h1>/);
    assert.match(res.text, /href="\/p\/tt\/rieng-phuc-dien\?u=1">Cấp giấy phép riêng của Phúc Diễn</);
    assert.match(res.text, /href="\/p\/tt\/khai-sinh\?u=1">Đăng ký khai sinh</);
    assert.doesNotMatch(res.text, /Thủ tục đã bỏ/);
    const elsewhere = await request(h.app).get('/p/u/12/tt').expect(200);
    assert.doesNotMatch(elsewhere.text, /rieng-phuc-dien/);
    const all = await request(h.app).get('/p/tt?lang=en').expect(200);
    assert.match(all.text, /<h1>All administrative procedures<\/h1>/);
    assert.match(all.text, /href="\/p\/tt\/khai-sinh\?lang=en"/);
    const unitPage = await request(h.app).get('/p/u/1').expect(200);
    assert.match(unitPage.text, /href="\/p\/u\/1\/tt">Thủ tục hành chính</);
    const chosen = await request(h.app).get('/p/tt/khai-sinh?u=12').expect(200);
    assert.match(chosen.text, /<option value="12" selected>Phường Xuân Đỉnh<\/option>/);
  });

  it('has no page for an inactive or unknown procedure', async () => {
    await request(h.app).get('/p/tt/da-bo').expect(404);
    await request(h.app).get('/p/tt/khong-co').expect(404);
    await post('/p/tt/da-bo/feedback', { text: 'x' }).expect(404);
  });

  it('stores feedback as a web-feedback ticket that carries the procedure and the ward chosen', async () => {
    const res = await post('/p/tt/khai-sinh/feedback', {
      unit: '12',
      text: 'Cán bộ yêu cầu thêm giấy tờ không có trong danh mục.',
      phone: '0912 345 678',
    }).expect(201);
    assert.match(res.text, /Đơn vị đã nhận góp ý của bạn/);
    assert.match(res.text, /href="\/p\/tt\/khai-sinh">Quay lại trang thủ tục</);
    const code = /<strong class="code">([^<]+)<\/strong>/.exec(res.text)?.[1];
    const ticket = await h.knex('tickets').where({ code }).first();
    const procedure = await h.knex('procedures').where({ code: 'khai-sinh' }).first('id');
    assert.equal(ticket.channel, 'web-feedback');
    assert.equal(ticket.procedure_id, procedure.id);
    assert.equal(ticket.unit_id, other);
    assert.equal(ticket.caller_number, '+84912345678');
    assert.equal(ticket.summary, 'Cán bộ yêu cầu thêm giấy tờ không có trong danh mục.');
    const { admin } = await h.signInRoles();
    const shown = await admin.agent.get(`/api/v1/tickets/${ticket.id}`).expect(200);
    assert.deepEqual(shown.body.procedure, {
      id: procedure.id,
      code: 'khai-sinh',
      name: 'Đăng ký khai sinh',
    });
  });

  it("files a unit's own procedure to that unit, and an every-ward one without a ward to no unit", async () => {
    await post('/p/tt/rieng-phuc-dien/feedback', { unit: '12', text: 'Chờ quá lâu.' }).expect(201);
    const own = await h.knex('tickets').where({ procedure_id: ownId }).first('unit_id');
    assert.equal(own.unit_id, ward, 'the procedure’s unit, whatever the form says');
    await post('/p/tt/ket-hon/feedback', { unit: '', text: 'Không biết nộp ở đâu.' }).expect(201);
    const marriage = await h.knex('procedures').where({ code: 'ket-hon' }).first('id');
    const ticket = await h.knex('tickets').where({ procedure_id: marriage.id }).first('unit_id');
    assert.equal(ticket.unit_id, null);
  });

  it('shows the form again with the problem at its field, storing nothing', async () => {
    const before = await countRows(h.knex, 'tickets');
    const empty = await post('/p/tt/khai-sinh/feedback', { unit: '12', text: ' ' }).expect(400);
    assert.match(empty.text, /id="text-error">Hãy viết nội dung góp ý, phản ánh\./);
    assert.match(empty.text, /<option value="12" selected>/);
    const unknown = await post('/p/tt/khai-sinh/feedback', { unit: '99', text: 'Nội dung' }).expect(400);
    assert.match(unknown.text, /id="unit-error">Hãy chọn một đơn vị trong danh sách\./);
    assert.match(unknown.text, />Nội dung<\/textarea>/);
    const robot = await post('/p/tt/khai-sinh/feedback', { text: 'x', website: 'spam' }).expect(400);
    assert.match(robot.text, /ô phải để trống/);
    assert.equal(await countRows(h.knex, 'tickets'), before);
  });
});
