import assert from 'node:assert/strict';
import request from 'supertest';
import { type ApiHarness, apiHarness, insertTickets, insertUnits } from '../api/api.fixture';
import { assertXmlMatchesJson, readXml } from './open311.fixture';

const NOW = new Date('2026-12-03T02:00:00Z');
const V2 = '/open311/v2';

describe('Open311 GeoReport v2: discovery, services and public requests', () => {
  let h: ApiHarness;
  let categoryId: number;
  let ward: number;
  let birth: number;
  let land: number;

  const get = (path: string) => request(h.app).get(path);

  before(async () => {
    h = await apiHarness({ now: () => NOW, publicUrl: 'https://hotline.example.gov.vn' });
    const units = await insertUnits(h.knex, [
      { code: '0', name: 'Văn phòng quận', kind: 'district' },
      { code: '1', name: 'Phường Phúc Diễn' },
    ]);
    ward = units.get('1') ?? 0;
    await h.knex('settings').insert({
      key: 'hotline',
      value: JSON.stringify({ number: '0243 838 9999', e164: '+842438389999', name: 'Đường dây nóng' }),
    });
    [{ id: categoryId }] = await h.knex('categories').insert({ name: 'Môi trường' }).returning('id');
    await h.knex('categories').insert({ name: 'Lĩnh vực cũ', active: false });
    const procedure = { documents: '[]', fees: 'Miễn phí', processing_time: 'Trong ngày', legal_basis: '[]' };
    [{ id: birth }] = await h
      .knex('procedures')
      .insert({ ...procedure, code: '1.001193', name: 'Đăng ký khai sinh' })
      .returning('id');
    [{ id: land }] = await h
      .knex('procedures')
      .insert({ ...procedure, code: 'dat-dai', name: 'Cấp giấy chứng nhận', unit_id: ward })
      .returning('id');
    await h.knex('procedures').insert({ ...procedure, code: 'cu', name: 'Thủ tục cũ', active: false });
    const [phone, , , , rating] = await insertTickets(h.knex, [
      {
        code: 'HL-2026-000001',
        unitId: ward,
        receivedAt: new Date('2026-12-01T03:00:00Z'),
        callerNumber: '+84912345678',
        summary: 'Ghi chú nội bộ của cán bộ nghe máy',
        category: 'môi trường ',
        status: 'resolved',
      },
      {
        code: 'HL-2026-000002',
        unitId: ward,
        receivedAt: new Date('2026-12-01T04:00:00Z'),
        summary: 'Phản ánh kín về cán bộ phường',
        confidential: true,
      },
      {
        code: 'HL-2026-000003',
        unitId: ward,
        receivedAt: new Date('2026-12-01T05:00:00Z'),
        summary: 'Quảng cáo',
      },
      { code: 'HL-2026-000004', unitId: ward, receivedAt: new Date('2026-07-01T05:00:00Z') },
      { code: 'HL-2026-000005', unitId: ward, receivedAt: new Date('2026-12-01T06:00:00Z'), rating: 1 },
      {
        code: 'HL-2026-000006',
        unitId: ward,
        receivedAt: new Date('2026-11-30T06:00:00Z'),
        category: 'Môi trường',
      },
    ]);
    await h.knex('tickets').where({ code: 'HL-2026-000006' }).update({ procedure_id: birth });
    const [complaint] = await insertTickets(h.knex, [
      {
        code: 'HL-2026-000007',
        unitId: ward,
        receivedAt: new Date('2026-12-02T06:00:00Z'),
        summary: 'Khiếu nại kín gửi Chủ tịch về cán bộ phường',
        confidential: true,
      },
    ]);
    await h.knex('tickets').where({ id: complaint }).update({ leader_only: true, channel: 'web-feedback' });
    await h
      .knex('tickets')
      .where({ id: phone })
      .update({ public_answer: 'Đã thu gom rác <ngõ 12> & vệ sinh.' });
    await h
      .knex('tickets')
      .where({ code: 'HL-2026-000003' })
      .update({ channel: 'web-feedback', spam_marked_at: NOW });
    await h.knex('tickets').where({ id: rating }).update({ channel: 'web-rating' });
  });
  after(async () => h?.test.drop());

  it('serves the discovery document in JSON and XML, as the Service Discovery examples', async () => {
    const json = await get('/open311/discovery.json').expect(200);
    assert.deepEqual(Object.keys(json.body), ['changeset', 'contact', 'key_service', 'endpoints']);
    assert.match(json.body.contact, /Đường dây nóng 0243 838 9999/);
    assert.deepEqual(json.body.endpoints, [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: 'https://hotline.example.gov.vn/open311/v2',
        changeset: json.body.changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ]);
    assert.match(json.body.changeset, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    assertXmlMatchesJson(await get('/open311/discovery.xml').expect(200), json, 'discovery');
    assert.deepEqual((await get(`${V2}/discovery.json`).expect(200)).body, json.body);
  });

  it('lists the active categories, the uncategorised feedback and the active procedures as services', async () => {
    const json = await get(`${V2}/services.json`).expect(200);
    assert.deepEqual(json.body, [
      {
        service_code: `category-${categoryId}`,
        service_name: 'Môi trường',
        description: 'Lĩnh vực: Môi trường',
        metadata: true,
        type: 'realtime',
        keywords: 'Môi trường',
        group: 'Phản ánh, kiến nghị',
      },
      {
        service_code: 'uncategorised',
        service_name: 'Chưa xác định lĩnh vực',
        description: 'Phản ánh, kiến nghị chưa thuộc lĩnh vực nào trong danh mục',
        metadata: true,
        type: 'realtime',
        keywords: 'Chưa xác định lĩnh vực',
        group: 'Phản ánh, kiến nghị',
      },
      {
        service_code: `procedure-${land}`,
        service_name: 'Cấp giấy chứng nhận',
        description: 'Phản ánh về thủ tục hành chính: Cấp giấy chứng nhận',
        metadata: false,
        type: 'realtime',
        keywords: 'dat-dai',
        group: 'Thủ tục hành chính',
      },
      {
        service_code: `procedure-${birth}`,
        service_name: 'Đăng ký khai sinh',
        description: 'Phản ánh về thủ tục hành chính: Đăng ký khai sinh',
        metadata: true,
        type: 'realtime',
        keywords: '1.001193',
        group: 'Thủ tục hành chính',
      },
    ]);
    assertXmlMatchesJson(await get(`${V2}/services.xml`).expect(200), json, 'services');
  });

  it('defines a service by its code: the optional unit attribute with every active unit', async () => {
    const json = await get(`${V2}/services/category-${categoryId}.json`).expect(200);
    assert.equal(json.body.service_code, `category-${categoryId}`);
    const [unit] = json.body.attributes;
    assert.deepEqual(
      {
        code: unit.code,
        datatype: unit.datatype,
        required: unit.required,
        variable: unit.variable,
        order: unit.order,
      },
      { code: 'unit', datatype: 'singlevaluelist', required: false, variable: true, order: 1 },
    );
    assert.deepEqual(unit.values, [
      { key: '0', name: 'Văn phòng quận' },
      { key: '1', name: 'Phường Phúc Diễn' },
    ]);
    assertXmlMatchesJson(
      await get(`${V2}/services/category-${categoryId}.xml`).expect(200),
      json,
      'service_definition',
    );
    const own = await get(`${V2}/services/procedure-${land}.json`).expect(200);
    assert.deepEqual(own.body, { service_code: `procedure-${land}`, attributes: [] });
    assertXmlMatchesJson(await get(`${V2}/services/procedure-${land}.xml`), own, 'service_definition');
    const everyWard = await get(`${V2}/services/procedure-${birth}.json`).expect(200);
    assert.equal(everyWard.body.attributes[0].code, 'unit');
    for (const code of ['category-999', 'procedure-999', 'nothing']) {
      const missing = await get(`${V2}/services/${code}.json`).expect(404);
      assert.deepEqual(missing.body, [{ code: 404, description: `service_code ${code} was not found` }]);
    }
    const xml = await get(`${V2}/services/category-999.xml`).expect(404);
    assert.deepEqual(readXml(xml, 'errors'), {
      error: [{ code: '404', description: 'service_code category-999 was not found' }],
    });
  });

  it('lists requests of the last 90 days with public fields only: no caller, no phone notes', async () => {
    const json = await get(`${V2}/requests.json`).expect(200).expect('Access-Control-Allow-Origin', '*');
    assert.deepEqual(
      json.body.map((r: { service_request_id: string }) => r.service_request_id),
      ['HL-2026-000001', 'HL-2026-000006'],
      'never a confidential ticket, a spam one, a rating, or one older than 90 days',
    );
    assert.deepEqual(
      [json.body[1].service_code, json.body[1].service_name],
      [`procedure-${birth}`, 'Đăng ký khai sinh'],
      "a ticket about a procedure is of the procedure's service",
    );
    assert.deepEqual(json.body[0], {
      service_request_id: 'HL-2026-000001',
      status: 'closed',
      status_notes: 'Đã thu gom rác <ngõ 12> & vệ sinh.',
      service_name: 'Môi trường',
      service_code: `category-${categoryId}`,
      description: null,
      agency_responsible: 'Phường Phúc Diễn',
      service_notice: null,
      requested_datetime: '2026-12-01T10:00:00+07:00',
      updated_datetime: json.body[0].updated_datetime,
      expected_datetime: null,
      address: null,
      address_id: null,
      zipcode: null,
      lat: null,
      long: null,
      media_url: null,
    });
    assert.doesNotMatch(json.text, /0912|84912|Ghi chú nội bộ/);
    const xml = await get(`${V2}/requests.xml`).expect(200);
    assert.match(xml.text, /<status_notes>Đã thu gom rác &lt;ngõ 12&gt; &amp; vệ sinh\.<\/status_notes>/);
    assertXmlMatchesJson(xml, json, 'service_requests');
  });

  it('never shows a confidential ticket, a complaint to the chairman or a spam one, even by its id', async () => {
    for (const code of ['HL-2026-000002', 'HL-2026-000003', 'HL-2026-000005', 'HL-2026-000007']) {
      const missing = await get(`${V2}/requests/${code}.json`).expect(404);
      assert.deepEqual(missing.body, [
        { code: 404, description: `service_request_id ${code} was not found` },
      ]);
      await get(`${V2}/requests/${code}.xml`).expect(404);
    }
    const listed = await get(
      `${V2}/requests.json?service_request_id=HL-2026-000002,HL-2026-000003,hl-2026-000004`,
    );
    assert.deepEqual(
      listed.body.map((r: { service_request_id: string }) => r.service_request_id),
      ['HL-2026-000004'],
      'service_request_id overrides the dates, never publicness',
    );
    const one = await get(`${V2}/requests/HL-2026-000001.xml`).expect(200);
    assertXmlMatchesJson(one, await get(`${V2}/requests/HL-2026-000001.json`), 'service_requests');
  });

  it('filters by status, service_code and W3C dates, and refuses a span over 90 days', async () => {
    const codes = async (query: string) =>
      (await get(`${V2}/requests.json?${query}`).expect(200)).body.map(
        (r: { service_request_id: string }) => r.service_request_id,
      );
    assert.deepEqual(await codes('status=open'), ['HL-2026-000006']);
    assert.deepEqual(await codes('status=open,closed'), ['HL-2026-000001', 'HL-2026-000006']);
    assert.deepEqual(await codes('service_code=uncategorised'), []);
    assert.deepEqual(await codes(`service_code=uncategorised,category-${categoryId}`), ['HL-2026-000001']);
    assert.deepEqual(await codes(`service_code=procedure-${birth}`), ['HL-2026-000006']);
    assert.deepEqual(await codes('start_date=2026-06-15T00:00:00Z&end_date=2026-07-15T00:00:00%2B07:00'), [
      'HL-2026-000004',
    ]);
    assert.deepEqual(await codes('start_date=2026-12-01T10:00:01%2B07:00'), []);
    assert.deepEqual(await codes('start_date=2026-11-30&end_date=2026-11-30T23:59:59%2B07:00'), [
      'HL-2026-000006',
    ]);
    const wide = await get(
      `${V2}/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z`,
    );
    assert.equal(wide.status, 400);
    assert.deepEqual(wide.body, [
      { code: 400, description: 'start_date and end_date may not span more than 90 days' },
    ]);
    const bad = await get(`${V2}/requests.xml?start_date=yesterday&status=pending`).expect(400);
    assert.equal((readXml(bad, 'errors') as { error: unknown[] }).error.length, 2);
  });

  it('answers an unknown resource or format with 404 in the specification error format', async () => {
    const res = await get(`${V2}/services.html`).expect(404);
    readXml(res, 'errors');
    const json = await get(`${V2}/nothing.json`).expect(404);
    assert.equal(json.body[0].code, 404);
  });
});
