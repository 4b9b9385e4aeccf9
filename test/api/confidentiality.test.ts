import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { type ApiHarness, apiHarness, insertTickets, insertUnits, type SignedIn } from './api.fixture';

const binary = (response: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('API confidential tickets: one rule on every surface', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let viewer: SignedIn;
  let secretId: number;
  let plainId: number;

  before(async () => {
    h = await apiHarness({ now: () => new Date('2026-11-19T03:00:00Z') });
    const units = await insertUnits(h.knex, [{ code: '1', name: 'Phường Phúc Diễn' }]);
    [plainId, secretId] = (await insertTickets(h.knex, [
      {
        code: 'HL-2026-000001',
        unitId: units.get('1') ?? null,
        receivedAt: new Date('2026-11-17T01:00:00Z'),
        summary: 'Hỏi về sổ đỏ',
      },
      {
        code: 'HL-2026-000002',
        unitId: units.get('1') ?? null,
        receivedAt: new Date('2026-11-18T01:00:00Z'),
        confidential: true,
        callerNumber: '+84911222333',
        summary: 'Phản ánh cán bộ sổ đỏ',
      },
    ])) as [number, number];
    ({ admin, official, viewer } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  const codes = (res: request.Response) =>
    (res.body.items as Array<{ code: string }>).map((item) => item.code);

  it('refuses a ward official or a viewer who changes the flag, with a 403 naming the field, changing nothing', async () => {
    for (const who of [official, viewer]) {
      for (const confidential of [false, true]) {
        const res = await who.agent
          .patch(`/api/v1/tickets/${secretId}`)
          .set('X-CSRF-Token', who.csrf)
          .send({ confidential, summary: 'đổi' })
          .expect(403);
        if (who === official) {
          assert.equal(res.body.error.code, 'confidential-admin-only');
          assert.match(res.body.error.message, /confidential/);
          assert.deepEqual(res.body.error.details, { field: 'confidential' });
        }
        assert.doesNotMatch(JSON.stringify(res.body), /911222333/);
      }
    }
    const row = await h.knex('tickets').where({ id: secretId }).first('confidential', 'summary');
    assert.deepEqual(row, { confidential: true, summary: 'Phản ánh cán bộ sổ đỏ' });
    assert.equal((await h.knex('ticket_events').where({ ticket_id: secretId })).length, 0);
  });

  it("answers a ward official's edit of a confidential ticket with its caller still masked", async () => {
    const res = await official.agent
      .patch(`/api/v1/tickets/${secretId}`)
      .set('X-CSRF-Token', official.csrf)
      .send({ category: 'Cán bộ' })
      .expect(200);
    assert.deepEqual(
      [res.body.category, res.body.callerNumber, res.body.callerMasked],
      ['Cán bộ', '+84***33', true],
    );
  });

  it('lets Home Affairs lift the flag and set it back', async () => {
    for (const confidential of [false, true]) {
      const res = await admin.agent
        .patch(`/api/v1/tickets/${secretId}`)
        .set('X-CSRF-Token', admin.csrf)
        .send({ confidential })
        .expect(200);
      assert.equal(res.body.confidential, confidential);
    }
  });

  it('hides a confidential ticket from a viewer in the list, the text search and the ticket page alike', async () => {
    assert.deepEqual(codes(await viewer.agent.get('/api/v1/tickets').expect(200)), ['HL-2026-000001']);
    assert.deepEqual(codes(await viewer.agent.get('/api/v1/tickets?q=sổ đỏ').expect(200)), [
      'HL-2026-000001',
    ]);
    assert.deepEqual(codes(await viewer.agent.get('/api/v1/tickets?q=cán bộ').expect(200)), []);
    await viewer.agent.get(`/api/v1/tickets/${secretId}`).expect(404);
    await viewer.agent.get(`/api/v1/tickets/${plainId}`).expect(200);
  });

  it('lists it for the ward official of its unit, text shown, caller masked', async () => {
    const res = await official.agent.get('/api/v1/tickets?q=cán bộ').expect(200);
    assert.deepEqual(codes(res), ['HL-2026-000002']);
    assert.deepEqual([res.body.items[0].callerNumber, res.body.items[0].callerMasked], ['+84***33', true]);
  });

  it("leaves it out of a viewer's CSV and XLSX exports, summary and all", async () => {
    const csv = await viewer.agent.get('/api/v1/tickets/export.csv').buffer(true).parse(binary).expect(200);
    const text = (csv.body as Buffer).toString('utf8');
    assert.doesNotMatch(text, /HL-2026-000002|cán bộ|333/);
    assert.match(text, /HL-2026-000001/);
    const xlsx = await viewer.agent.get('/api/v1/tickets/export.xlsx').buffer(true).parse(binary).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    assert.ok(sheet);
    const rowCodes: unknown[] = [];
    sheet.eachRow((row, index) => {
      if (index > 1) rowCodes.push(row.getCell(1).value);
    });
    assert.deepEqual(rowCodes, ['HL-2026-000001']);
  });

  it("counts it in a viewer's dashboard, a count that names nothing", async () => {
    const res = await viewer.agent.get('/api/v1/dashboard?week=2026-W47').expect(200);
    assert.equal(res.body.units[0].calls, 2);
    assert.doesNotMatch(JSON.stringify(res.body), /HL-2026-000002|cán bộ/);
  });

  it('audits an export: the ticket ids it carried and each caller number it showed in full', async () => {
    await h.knex('audit_log').del();
    await official.agent.get('/api/v1/tickets/export.csv').buffer(true).parse(binary).expect(200);
    const rows = await h.knex('audit_log').orderBy('id').select('action', 'entity_id', 'details');
    const file = rows.find((row) => row.action === 'ticket.export');
    const carried = rows.filter((row) => row.action === 'ticket.export-rows');
    const views = rows.filter((row) => row.action === 'ticket.view-caller');
    assert.ok(file?.details.exportId);
    assert.deepEqual(
      carried.map((row) => [row.details.exportId, [...row.details.ticketIds].sort()]),
      [[file.details.exportId, [plainId, secretId].sort()]],
    );
    assert.deepEqual(
      views.map((row) => [row.entity_id, row.details.where, row.details.exportId]),
      [[String(plainId), 'export', file.details.exportId]],
      'the confidential caller was masked, so not audited as shown',
    );
  });

  it("records the ids a viewer's export carried, and no number shown", async () => {
    await h.knex('audit_log').del();
    await viewer.agent.get('/api/v1/tickets/export.xlsx').buffer(true).parse(binary).expect(200);
    const rows = await h.knex('audit_log').select('action', 'details');
    assert.deepEqual(rows.map((row) => row.action).sort(), ['ticket.export', 'ticket.export-rows']);
    assert.deepEqual(rows.find((row) => row.action === 'ticket.export-rows')?.details.ticketIds, [plainId]);
  });
});
