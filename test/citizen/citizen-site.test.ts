import assert from 'node:assert/strict';
import request from 'supertest';
import { NotificationsRepository } from '../../server/jobs/notifications.repo';
import { type ApiHarness, apiHarness, insertUnits } from '../api/api.fixture';
import { countRows } from '../support/tables';

const NOW = new Date('2026-12-03T02:00:00Z');

describe('citizen site (/p/): pages and the rating form', () => {
  let h: ApiHarness;
  let ward: number;
  let desk: number;

  const rate = (path: string, form: Record<string, string>, app = h.app) =>
    request(app).post(path).type('form').send(form);

  before(async () => {
    h = await apiHarness({ now: () => NOW });
    const units = await insertUnits(h.knex, [
      { code: '1', name: 'Phường Phúc Diễn' },
      { code: '12', name: 'Phường Xuân Đỉnh' },
    ]);
    ward = units.get('1') ?? 0;
    await h.knex('units').where({ code: '2' }).update({ active: false });
    await h.knex('settings').insert({
      key: 'hotline',
      value: JSON.stringify({ number: '0243 838 9999', e164: '+842438389999', name: 'Đường dây nóng' }),
    });
    await h.knex('units').where({ id: ward }).update({ direct_number: '+842437651234' });
    // Installed before the test's clock, so its tickets are not history the notices skip.
    await h
      .knex('settings')
      .where({ key: 'installed_at' })
      .update({ value: JSON.stringify('2026-01-01T00:00:00Z') });
    [{ id: desk }] = await h
      .knex('desks')
      .insert({ unit_id: ward, name: 'Quầy 1 — Tư pháp' })
      .returning('id');
    await h.knex('desks').insert({ unit_id: ward, name: 'Quầy cũ', active: false });
  });
  after(async () => h?.test.drop());

  it('serves a unit page in Vietnamese with its key, a tel: link to its own number and its desks', async () => {
    const res = await request(h.app).get('/p/u/1').expect(200).expect('Content-Type', /html/);
    assert.match(res.text, /<html lang="vi">/);
    assert.match(res.text, /<h1>Phường Phúc Diễn<\/h1>/);
    assert.match(res.text, /href="tel:\+842437651234">Gọi cho đơn vị: 024 3765 1234</);
    assert.match(res.text, /bấm phím <strong class="key">1<\/strong> \(Đường dây nóng 0243 838 9999\)/);
    assert.match(res.text, new RegExp(`href="/p/d/${desk}">Quầy 1 — Tư pháp<`));
    assert.doesNotMatch(res.text, /Quầy cũ/, 'an inactive desk is not offered');
    const other = await request(h.app).get('/p/u/12').expect(200);
    assert.match(other.text, /href="tel:\+842438389999">Gọi đường dây nóng: 0243 838 9999</);
  });

  it('switches to English, and keeps the language through the links', async () => {
    const res = await request(h.app).get('/p/u/1?lang=en').expect(200);
    assert.match(res.text, /<html lang="en">/);
    assert.match(res.text, /Rate the service/);
    assert.match(res.text, /href="\/p\/u\/1\/rate\?lang=en"/);
    assert.match(res.text, /href="\/p\/u\/1" hreflang="vi">Tiếng Việt</);
  });

  it('has its own strict CSP, no script and nothing of the admin app, in a few KB', async () => {
    for (const path of ['/p/', '/p/u/1', '/p/u/1/rate', `/p/d/${desk}`, '/p/u/1/feedback', '/p/t']) {
      const res = await request(h.app).get(path).expect(200);
      assert.equal(
        res.headers['content-security-policy'],
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      );
      assert.doesNotMatch(res.text, /<script|\/assets\/|\/api\/v1/i, path);
      assert.ok(Buffer.byteLength(res.text) < 8 * 1024, `${path}: ${Buffer.byteLength(res.text)} bytes`);
    }
    const css = await request(h.app).get('/p/site.css').expect(200).expect('Content-Type', /css/);
    assert.ok(css.text.length < 4096);
  });

  it('answers an unknown or inactive unit or desk with a 404 page in the citizen’s language', async () => {
    const res = await request(h.app).get('/p/u/2').expect(404).expect('Content-Type', /html/);
    assert.match(res.text, /Không tìm thấy trang này/);
    await request(h.app)
      .get('/p/u/99?lang=en')
      .expect(404, /Page not found/);
    await request(h.app).get('/p/d/0x10').expect(404);
    await request(h.app).get('/p/nothing-here').expect(404);
  });

  it('stores a desk rating as a web-rating ticket of the unit and desk, and shows its code', async () => {
    const res = await rate(`/p/d/${desk}`, {
      rating: '1',
      comment: '  Cán bộ nhiệt tình  ',
      phone: '',
    }).expect(201);
    const code = /<strong class="code">(HL-2026-\d{6})<\/strong>/.exec(res.text)?.[1];
    assert.ok(code, res.text);
    const ticket = await h.knex('tickets').where({ code }).first();
    assert.deepEqual(
      [ticket.channel, ticket.unit_id, ticket.desk_id, ticket.rating, ticket.summary, ticket.caller_number],
      ['web-rating', ward, desk, 1, 'Cán bộ nhiệt tình', null],
    );
    assert.equal(ticket.needs_callback, false);
    assert.equal(await countRows(h.knex, 'ticket_events', { ticket_id: ticket.id, kind: 'web.rating' }), 1);
  });

  it('puts "Không hài lòng" in the callback queue and notifies the unit, as a phone rating does', async () => {
    const res = await rate('/p/u/1/rate', { rating: '3', comment: 'Chờ lâu', phone: '0912 345 678' }).expect(
      201,
    );
    assert.match(res.text, /Cán bộ sẽ gọi lại cho bạn/);
    const code = /class="code">([^<]+)</.exec(res.text)?.[1];
    const ticket = await h.knex('tickets').where({ code }).first();
    assert.deepEqual(
      [ticket.needs_callback, ticket.caller_number, ticket.desk_id],
      [true, '+84912345678', null],
    );
    assert.equal(ticket.due_at.toISOString(), '2026-12-04T02:00:00.000Z');
    assert.equal(await countRows(h.knex, 'tickets', { needs_callback: true, channel: 'web-rating' }), 1);
    await new NotificationsRepository(h.knex).enqueueTicketNotices(new Date(NOW.getTime() - 1000), NOW);
    assert.equal(
      await countRows(h.knex, 'notifications', { kind: 'not_satisfied', ticket_id: ticket.id }),
      1,
    );
  });

  it('sends feedback to a unit as a web-feedback ticket of that unit, with a code and a tracking secret', async () => {
    // An app of its own: this file's other forms use up the shared app's per-address allowance.
    const app = h.appWith({}, { submissionLimit: { max: 100, windowMs: 600_000 } });
    const form = await request(app).get('/p/u/1/feedback').expect(200);
    assert.match(form.text, /<h1>Góp ý, phản ánh gửi Phường Phúc Diễn<\/h1>/);
    const res = await request(app)
      .post('/p/u/1/feedback')
      .type('form')
      .send({ text: ' Đèn đường ngõ 12 hỏng ', phone: '0987 654 321' })
      .expect(201);
    assert.match(res.text, /Đơn vị đã nhận góp ý của bạn/);
    assert.match(res.text, /class="secret">\d{6}</);
    const code = /class="code">([^<]+)</.exec(res.text)?.[1];
    const ticket = await h.knex('tickets').where({ code }).first();
    assert.deepEqual(
      [ticket.channel, ticket.unit_id, ticket.summary, ticket.caller_number, ticket.rating, ticket.status],
      ['web-feedback', ward, 'Đèn đường ngõ 12 hỏng', '+84987654321', null, 'new'],
    );
    assert.equal(await countRows(h.knex, 'ticket_events', { ticket_id: ticket.id, kind: 'web.feedback' }), 1);
    const empty = await request(app).post('/p/u/1/feedback').type('form').send({ text: '  ' }).expect(400);
    assert.match(empty.text, /Hãy viết nội dung góp ý, phản ánh/);
    await request(app).post('/p/u/1/feedback').type('form').send({ text: 'x', website: 'y' }).expect(400);
    await request(app).post('/p/u/2/feedback').type('form').send({ text: 'x' }).expect(404);
  });

  it('shows the form again with each field’s problem, storing nothing', async () => {
    const before = await countRows(h.knex, 'tickets');
    const none = await rate('/p/u/1/rate', { comment: 'Không chọn mức' }).expect(400);
    assert.match(none.text, /Hãy chọn một mức đánh giá/);
    assert.match(none.text, />Không chọn mức<\/textarea>/, 'what was typed is kept');
    const long = await rate('/p/u/1/rate?lang=en', {
      rating: '2',
      comment: 'x'.repeat(1001),
      lang: 'en',
    }).expect(400);
    assert.match(long.text, /longer than 1000 characters/);
    const phone = await rate('/p/u/1/rate', { rating: '2', phone: '12345' }).expect(400);
    assert.match(phone.text, /aria-invalid="true" aria-describedby="phone-error"/);
    const nul = await rate('/p/u/1/rate', { rating: '2', comment: 'a\u0000b' }).expect(400);
    assert.match(nul.text, /ký tự không hợp lệ/);
    const honeypot = await rate('/p/u/1/rate', { rating: '1', website: 'http://spam.example' }).expect(400);
    assert.match(honeypot.text, /ô phải để trống đã có nội dung/);
    const huge = await rate('/p/u/1/rate', { rating: '1', comment: 'x'.repeat(17 * 1024) }).expect(413);
    assert.match(huge.text, /tối đa 16 KB/);
    assert.equal(await countRows(h.knex, 'tickets'), before);
  });

  it('limits submissions per address, with Retry-After and a page saying when to try again', async () => {
    const limited = h.appWith({}, { submissionLimit: { max: 2, windowMs: 600_000 }, now: () => NOW });
    for (let i = 0; i < 2; i += 1) await rate('/p/u/12/rate', { rating: '2' }, limited).expect(201);
    const refused = await rate('/p/u/12/rate', { rating: '2' }, limited).expect(429);
    assert.equal(refused.headers['retry-after'], '600');
    assert.match(refused.text, /thử lại sau 10 phút/);
    await rate('/p/u/12/rate', { rating: '2' }, h.appWith({})).expect(201, /HL-2026-/);
  });
});
