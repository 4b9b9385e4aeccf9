import assert from 'node:assert/strict';
import request from 'supertest';
import { trackingSecretMatches } from '../../core/tickets/tracking-secret';
import { type ApiHarness, apiHarness, insertUnits, type SignedIn } from '../api/api.fixture';
import { countRows } from '../support/tables';
import { assertXmlMatchesJson, issueKey, readXml } from './open311.fixture';

const NOW = new Date('2026-12-03T02:00:00Z');
const V2 = '/open311/v2';

describe('Open311 GeoReport v2: posting a service request with an API key', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let key: string;
  let categoryId: number;
  let ward: number;
  let district: number;

  const post = (form: Record<string, string>, format = 'json', app = h.app) =>
    request(app).post(`${V2}/requests.${format}`).type('form').send(form);

  before(async () => {
    h = await apiHarness({ now: () => NOW, publicUrl: 'https://hotline.example.gov.vn' });
    const units = await insertUnits(h.knex, [
      { code: '0', name: 'Văn phòng quận', kind: 'district' },
      { code: '1', name: 'Phường Phúc Diễn' },
    ]);
    ward = units.get('1') ?? 0;
    district = units.get('0') ?? 0;
    [{ id: categoryId }] = await h.knex('categories').insert({ name: 'Giao thông' }).returning('id');
    ({ admin } = await h.signInRoles());
    ({ key } = await issueKey(admin, 'Ứng dụng FixMyStreet'));
  });
  after(async () => h?.test.drop());

  it('takes the specification example request and answers its service_request_id at once', async () => {
    const res = await post({
      api_key: key,
      jurisdiction_id: 'city.gov',
      service_code: `category-${categoryId}`,
      lat: '21.0468',
      long: '105.7592',
      address_string: 'Ngõ 12 Phúc Diễn, Bắc Từ Liêm',
      email: 'nguoidan@example.vn',
      device_id: 'tt222111',
      account_id: '123456',
      first_name: 'Văn A',
      last_name: 'Nguyễn',
      phone: '0987 654 321',
      description: 'Ổ gà lớn giữa đường <nguy hiểm> & ngập nước',
      media_url: 'https://example.vn/anh/o-ga.jpg',
      'attribute[unit]': '1',
    }).expect(201);
    assert.equal(res.body.length, 1);
    const [{ service_request_id: code, service_notice: notice, account_id: account }] = res.body;
    assert.match(code, /^HL-2026-\d{6}$/);
    assert.equal(account, null);
    assert.match(
      notice,
      /^Đã chuyển đến Phường Phúc Diễn\. Tra cứu tại https:\/\/hotline\.example\.gov\.vn\/p\/t /,
    );
    const secret = /mã bí mật (\d{6})\./.exec(notice)?.[1] ?? '';

    const ticket = await h.knex('tickets').where({ code }).first();
    assert.deepEqual(
      [ticket.channel, ticket.unit_id, ticket.caller_number, ticket.category, ticket.status],
      ['open311', ward, '+84987654321', 'Giao thông', 'new'],
    );
    assert.deepEqual(
      [ticket.location_lat, ticket.location_long, ticket.address, ticket.media_url],
      [21.0468, 105.7592, 'Ngõ 12 Phúc Diễn, Bắc Từ Liêm', 'https://example.vn/anh/o-ga.jpg'],
    );
    assert.ok(
      trackingSecretMatches(ticket.tracking_secret_hash, code, secret),
      'the notice gives the tracking secret',
    );
    const [step] = await h.knex('ticket_events').where({ ticket_id: ticket.id }).select('kind', 'data');
    assert.deepEqual(step, {
      kind: 'open311.request',
      data: {
        text: 'Ổ gà lớn giữa đường <nguy hiểm> & ngập nước',
        client: 'Ứng dụng FixMyStreet',
        name: 'Văn A Nguyễn',
        email: 'nguoidan@example.vn',
        place: 'Ngõ 12 Phúc Diễn, Bắc Từ Liêm',
        mediaUrl: 'https://example.vn/anh/o-ga.jpg',
      },
    });

    const json = await request(h.app).get(`${V2}/requests/${code}.json`).expect(200);
    assert.deepEqual(json.body, [
      {
        service_request_id: code,
        status: 'open',
        status_notes: null,
        service_name: 'Giao thông',
        service_code: `category-${categoryId}`,
        description: 'Ổ gà lớn giữa đường <nguy hiểm> & ngập nước',
        agency_responsible: 'Phường Phúc Diễn',
        service_notice: null,
        requested_datetime: '2026-12-03T09:00:00+07:00',
        updated_datetime: json.body[0].updated_datetime,
        expected_datetime: null,
        address: 'Ngõ 12 Phúc Diễn, Bắc Từ Liêm',
        address_id: null,
        zipcode: null,
        lat: 21.0468,
        long: 105.7592,
        media_url: 'https://example.vn/anh/o-ga.jpg',
      },
    ]);
    assert.doesNotMatch(json.text, /nguoidan|987654321|Nguyễn/, 'no contact of the sender is published');
    const xml = await request(h.app).get(`${V2}/requests/${code}.xml`).expect(200);
    assert.match(
      xml.text,
      /<description>Ổ gà lớn giữa đường &lt;nguy hiểm&gt; &amp; ngập nước<\/description>/,
    );
    assertXmlMatchesJson(xml, json, 'service_requests');
    const used = await h.knex('open311_keys').first('last_used_at');
    assert.deepEqual(used.last_used_at, NOW);
  });

  it('answers in XML when posted to requests.xml; without a unit the district office takes it', async () => {
    const res = await post(
      { api_key: key, service_code: 'uncategorised', address_id: 'BTL-0042' },
      'xml',
    ).expect(201);
    const answer = readXml(res, 'service_requests') as { request: Array<Record<string, string>> };
    const code = answer.request[0]?.service_request_id as string;
    assert.deepEqual(Object.keys(answer.request[0] ?? {}), [
      'service_request_id',
      'service_notice',
      'account_id',
    ]);
    const ticket = await h
      .knex('tickets')
      .where({ code })
      .first('unit_id', 'category', 'address_id', 'summary');
    assert.deepEqual(ticket, { unit_id: district, category: null, address_id: 'BTL-0042', summary: null });
  });

  it("sends a request about a procedure to the procedure's own unit, about the procedure", async () => {
    const [{ id }] = await h
      .knex('procedures')
      .insert({
        code: 'dat-dai',
        name: 'Cấp giấy chứng nhận quyền sử dụng đất',
        documents: '[]',
        fees: 'Theo quy định',
        processing_time: '30 ngày',
        legal_basis: '[]',
        unit_id: ward,
      })
      .returning('id');
    const res = await post({
      api_key: key,
      service_code: `procedure-${id}`,
      address_string: 'Bộ phận một cửa phường',
      description: 'Hồ sơ nộp đã quá hạn',
      'attribute[unit]': '0',
    }).expect(201);
    const code = res.body[0].service_request_id;
    const ticket = await h.knex('tickets').where({ code }).first('unit_id', 'procedure_id', 'category');
    assert.deepEqual(ticket, { unit_id: ward, procedure_id: id, category: null });
    const [shown] = (await request(h.app).get(`${V2}/requests/${code}.json`).expect(200)).body;
    assert.deepEqual(
      [shown.service_code, shown.service_name, shown.agency_responsible],
      [`procedure-${id}`, 'Cấp giấy chứng nhận quyền sử dụng đất', 'Phường Phúc Diễn'],
    );
    await h.knex('procedures').where({ id }).update({ active: false });
    await post({ api_key: key, service_code: `procedure-${id}`, address_string: 'x' }).expect(404);
  });

  it('refuses a missing, wrong or revoked api_key with 403 in the specification error format', async () => {
    const form = { service_code: 'uncategorised', address_string: 'Phúc Diễn' };
    const missing = await post(form).expect(403);
    assert.deepEqual(missing.body, [
      { code: 403, description: "api_key was not provided - can't proceed with create_request." },
    ]);
    const wrong = await post({ ...form, api_key: `${key}x` }, 'xml').expect(403);
    assert.deepEqual(readXml(wrong, 'errors'), {
      error: [{ code: '403', description: "Invalid api_key received - can't proceed with create_request." }],
    });
    const revoked = await issueKey(admin, 'Khóa sắp thu hồi');
    await post({ ...form, api_key: revoked.key }).expect(201);
    await admin.agent
      .post(`/api/v1/open311-keys/${revoked.id}/revoke`)
      .set('X-CSRF-Token', admin.csrf)
      .expect(200);
    const refused = await post({ ...form, api_key: revoked.key }).expect(403);
    assert.equal(refused.body[0].code, 403);
    assert.equal(
      await countRows(h.knex, 'tickets', { channel: 'open311' }),
      4,
      'nothing stored when refused',
    );
  });

  it('names each argument at fault: 400 for missing or bad ones, 404 for an unknown service', async () => {
    const errorsOf = async (form: Record<string, string>, status: number) =>
      (await post({ api_key: key, ...form }).expect(status)).body;
    assert.deepEqual(await errorsOf({ address_string: 'x' }, 400), [
      { code: 400, description: 'service_code was not provided' },
    ]);
    assert.deepEqual(await errorsOf({ service_code: 'uncategorised' }, 400), [
      {
        code: 400,
        description: 'a location was not provided: send lat and long, address_string or address_id',
      },
    ]);
    assert.deepEqual(await errorsOf({ service_code: 'uncategorised', lat: '21.04' }, 400), [
      { code: 400, description: 'lat and long must be sent together' },
    ]);
    assert.deepEqual(await errorsOf({ service_code: 'category-999', address_string: 'x' }, 404), [
      { code: 404, description: 'service_code category-999 was not found' },
    ]);
    const several = await errorsOf(
      {
        service_code: 'uncategorised',
        lat: '91',
        long: '105',
        phone: 'gọi tôi',
        email: 'không phải thư',
        media_url: 'javascript:alert(1)',
        description: 'x'.repeat(4001),
      },
      400,
    );
    assert.deepEqual(
      several.map((e: { description: string }) => e.description.split(' ')[0]),
      ['lat', 'description', 'email', 'phone', 'media_url'],
    );
    assert.deepEqual(
      await errorsOf({ service_code: 'uncategorised', address_string: 'x', 'attribute[unit]': '77' }, 400),
      [{ code: 400, description: 'attribute[unit] 77 is not a unit' }],
    );
    const big = await post({ api_key: key, description: 'x'.repeat(70_000) }).expect(413);
    assert.equal(big.body[0].code, 413);
  });

  it('limits the requests one key may post, with 429 and Retry-After', async () => {
    const limited = h.appWith({ now: () => NOW }, undefined, { keyLimit: { max: 1, windowMs: 60_000 } });
    const { key: own } = await issueKey(admin, 'Khóa giới hạn');
    const form = { api_key: own, service_code: 'uncategorised', address_string: 'Phúc Diễn' };
    await post(form, 'json', limited).expect(201);
    const res = await post(form, 'json', limited).expect(429).expect('Retry-After', /^\d+$/);
    assert.equal(res.body[0].code, 429);
    assert.equal(res.headers['access-control-allow-origin'], undefined, 'CORS is for reading only');
  });
});
