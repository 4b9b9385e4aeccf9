import assert from 'node:assert/strict';
import request from 'supertest';
import { spokenTicketDigits } from '../../core/domain/ticket-code';
import { type ApiHarness, apiHarness, insertUnits, type SignedIn } from '../api/api.fixture';
import { countRows } from '../support/tables';

describe('citizen site (/p/t): tracking a ticket with its code and secret', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let code: string;
  let secret: string;
  let ticketId: number;

  const track = (form: Record<string, string>, app = h.app) =>
    request(app).post('/p/t').type('form').send(form);

  before(async () => {
    h = await apiHarness();
    await insertUnits(h.knex, [{ code: '1', name: 'Phường Phúc Diễn' }]);
    ({ admin } = await h.signInRoles());
    const thanks = await request(h.app)
      .post('/p/u/1/rate')
      .type('form')
      .send({ rating: '3', comment: 'Chờ lâu' })
      .expect(201);
    code = /class="code">([^<]+)</.exec(thanks.text)?.[1] ?? '';
    secret = /class="secret">(\d{6})</.exec(thanks.text)?.[1] ?? '';
    assert.ok(code && secret, thanks.text);
    ticketId = (await h.knex('tickets').where({ code }).first('id')).id;
  });
  after(async () => h?.test.drop());

  it('shows the status and no answer yet right after the submission; only the secret’s hash is stored', async () => {
    const res = await track({ code: code.toLowerCase(), secret }).expect(200);
    assert.match(res.text, /<dd class="status">Đã tiếp nhận<\/dd>/);
    assert.match(res.text, /Phường Phúc Diễn/);
    assert.match(res.text, /Đơn vị chưa trả lời/);
    const stored = await h.knex('tickets').where({ id: ticketId }).first('tracking_secret_hash');
    assert.match(stored.tracking_secret_hash, /^[0-9a-f]{64}$/);
    assert.doesNotMatch(stored.tracking_secret_hash, new RegExp(secret));
  });

  it('opens the ticket with its number alone, as the IVR reads it at the end of a call', async () => {
    const res = await track({ code: ` ${spokenTicketDigits(code)} `, secret }).expect(200);
    assert.match(res.text, new RegExp(code));
    assert.match(res.text, /<dd class="status">Đã tiếp nhận<\/dd>/);
    await track({ code: '0', secret }).expect(400);
  });

  it('shows the answer the unit wrote for the public and the steps, never the internal summary or notes', async () => {
    await admin.agent
      .patch(`/api/v1/tickets/${ticketId}`)
      .set('X-CSRF-Token', admin.csrf)
      .send({
        status: 'in_progress',
        summary: 'Nội bộ: cán bộ A đến muộn',
        publicAnswer: 'Phường đã nhắc nhở cán bộ.',
      })
      .expect(200, /Phường đã nhắc nhở cán bộ/);
    await admin.agent
      .post(`/api/v1/tickets/${ticketId}/notes`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ text: 'Ghi chú nội bộ' })
      .expect(201);
    const res = await track({ code, secret }).expect(200);
    assert.match(res.text, /<p class="answer">Phường đã nhắc nhở cán bộ\.<\/p>/);
    assert.match(res.text, /<dd class="status">Đang xử lý<\/dd>/);
    assert.match(res.text, /<li>[^<]+: Đang xử lý<\/li>/);
    assert.doesNotMatch(res.text, /Nội bộ|Ghi chú nội bộ|Chờ lâu/);
  });

  it('takes a reply from the citizen onto the ticket’s timeline', async () => {
    const res = await request(h.app)
      .post('/p/t/reply')
      .type('form')
      .send({ code, secret, reply: 'Cảm ơn phường đã trả lời' })
      .expect(201);
    assert.match(res.text, /Đã nhận ý kiến của bạn/);
    assert.match(res.text, /Bạn đã viết: «Cảm ơn phường đã trả lời»/);
    assert.equal(await countRows(h.knex, 'ticket_events', { ticket_id: ticketId, kind: 'citizen.reply' }), 1);
    const empty = await request(h.app)
      .post('/p/t/reply')
      .type('form')
      .send({ code, secret, reply: ' ' })
      .expect(400);
    assert.match(empty.text, /Hãy viết nội dung trả lời/);
    assert.equal(await countRows(h.knex, 'ticket_events', { ticket_id: ticketId, kind: 'citizen.reply' }), 1);
  });

  it('answers a wrong secret as an unknown code, and after five wrong tries refuses even the right pair', async () => {
    const limited = h.appWith({}, { trackingLimit: { max: 5, windowMs: 15 * 60_000 } });
    const wrong = await track({ code, secret: secret === '000000' ? '111111' : '000000' }, limited).expect(
      400,
    );
    const unknown = await track({ code: 'HL-2026-999999', secret }, limited).expect(400);
    for (const res of [wrong, unknown]) assert.match(res.text, /Mã phản ánh hoặc mã tra cứu không đúng/);
    for (let i = 0; i < 3; i += 1) await track({ code, secret: 'abc' }, limited).expect(400);
    const refused = await track({ code, secret }, limited).expect(429);
    assert.match(refused.text, /thử lại sau 15 phút/);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    const reply = await request(limited).post('/p/t/reply').type('form').send({ code, secret, reply: 'x' });
    assert.equal(reply.status, 429);
  });
});
