import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type express from 'express';
import request from 'supertest';
import { createSilentLogger } from '../../core/logger';
import { CALL_LOG_HEADERS } from '../../core/reports/call-log.export';
import { createApi } from '../../server/api/api';
import { countRows } from '../support/tables';
import { type ApiHarness, apiHarness, insertTickets, insertUnits, type SignedIn } from './api.fixture';

function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('API export', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let viewer: SignedIn;

  before(async () => {
    h = await apiHarness({ now: () => new Date('2026-11-23T03:00:00Z') });
    const units = await insertUnits(h.knex, [
      { code: '1', name: 'Phường Phúc Diễn' },
      { code: '2', name: 'Phường Xuân Đỉnh' },
    ]);
    await insertTickets(h.knex, [
      {
        code: 'HL-2026-000001',
        unitId: units.get('1') ?? null,
        receivedAt: new Date('2026-11-16T01:00:00Z'),
        summary: 'Sổ đỏ, "gấp"',
        category: 'Đất đai',
        rating: 3,
        needsCallback: true,
      },
      {
        code: 'HL-2026-000002',
        unitId: units.get('2') ?? null,
        receivedAt: new Date('2026-11-17T01:00:00Z'),
        outcome: 'missed',
        callerNumber: '+84987654321',
      },
      {
        code: 'HL-2026-000003',
        unitId: units.get('1') ?? null,
        receivedAt: new Date('2026-11-18T01:00:00Z'),
        confidential: true,
        callerNumber: '+84911222333',
      },
    ]);
    ({ admin, official, viewer } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  it('downloads the filtered call log as XLSX with Vietnamese headers, one row per ticket', async () => {
    const res = await admin.agent
      .get('/api/v1/tickets/export.xlsx?order=asc')
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.equal(
      res.headers['content-type'],
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    assert.match(
      res.headers['content-disposition'] ?? '',
      /attachment; filename="nhat-ky-cuoc-goi-2026-11-23\.xlsx"/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    assert.ok(sheet);
    assert.equal(sheet.name, 'Nhật ký 2026-11-23');
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [...CALL_LOG_HEADERS]);
    assert.equal(sheet.rowCount, 4);
    const first = sheet.getRow(2);
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 11, 13, 14, 15].map((column) => first.getCell(column).value),
      [
        'HL-2026-000001',
        new Date('2026-11-16T08:00:00Z'),
        'Cuộc gọi',
        '1',
        'Phường Phúc Diễn',
        '0912 345 678',
        'Đã nghe máy',
        'Không hài lòng',
        'Có',
        'Đất đai',
        'Sổ đỏ, "gấp"',
      ],
    );
    assert.equal(sheet.getRow(4).getCell(6).value, '0911 222 333', 'admins see confidential callers');
    assert.equal(await countRows(h.knex, 'audit_log', { action: 'ticket.export' }), 1);
  });

  it('downloads CSV in UTF-8 with a BOM, with the same filters and masking as the list', async () => {
    const res = await viewer.agent
      .get('/api/v1/tickets/export.csv?unit=1')
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    const bytes = res.body as Buffer;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    assert.equal(lines[0], CALL_LOG_HEADERS.join(','));
    assert.deepEqual(
      lines.slice(1).map((line) => line.split(',').slice(0, 6)),
      [['HL-2026-000001', '2026-11-16 08:00:00', 'Cuộc gọi', '1', 'Phường Phúc Diễn', '0***678']],
      "the confidential HL-2026-000003 is not in a viewer's file",
    );
  });

  it("exports only a ward official's own tickets, confidential callers masked", async () => {
    const res = await official.agent.get('/api/v1/tickets/export.csv').buffer(true).parse(binary).expect(200);
    const rows = (res.body as Buffer).toString('utf8').trimEnd().split('\r\n').slice(1);
    assert.deepEqual(
      rows.map((line) => line.split(',')[5]),
      ['0***333', '0912 345 678'],
    );
  });

  it('validates the filters and requires a session', async () => {
    const res = await admin.agent.get('/api/v1/tickets/export.xlsx?status=open').expect(400);
    assert.equal(res.body.error.details.issues[0].path, 'status.0');
    await request(h.app).get('/api/v1/tickets/export.csv').expect(401);
  });
});

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** Every method + path the express router really serves, found by walking its layers. */
function servedRoutes(router: express.Router): string[] {
  const found: string[] = [];
  const walk = (stack: RouterLayer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) found.push(`${method} ${layer.route.path}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: RouterLayer[] }).stack);
  return found.sort();
}

describe('API OpenAPI document', () => {
  let h: ApiHarness;
  let doc: {
    openapi: string;
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components: { schemas: Record<string, unknown> };
  };

  before(async () => {
    h = await apiHarness();
    doc = (await request(h.app).get('/api/v1/openapi.json').expect(200).expect('Content-Type', /json/)).body;
  });
  after(async () => h?.test.drop());

  it('is OpenAPI 3.1 and lists exactly the routes the router serves', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const api = createApi(h.test.db, createSilentLogger(), {
      timeZone: 'Asia/Ho_Chi_Minh',
      onRosterChanged: () => undefined,
    });
    const served = servedRoutes(api.router);
    const documented = Object.entries(doc.paths)
      .flatMap(([path, operations]) =>
        Object.keys(operations).map(
          (method) => `${method} ${path.replace('/api/v1', '').replace(/\{(\w+)\}/g, ':$1')}`,
        ),
      )
      .sort();
    assert.deepEqual(documented, served);
    assert.equal(served.length, 64, served.join(', '));
  });

  it('describes parameters, bodies and responses, every operation named once, every $ref resolvable', () => {
    const ids = new Set<string>();
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method} ${path}`;
        assert.equal(typeof operation.operationId, 'string', where);
        assert.ok(!ids.has(operation.operationId as string), `${where}: duplicate operationId`);
        ids.add(operation.operationId as string);
        assert.ok(Object.keys(operation.responses as object).length > 0, where);
        const parameters = (operation.parameters ?? []) as Array<{ name: string; in: string }>;
        for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
          assert.ok(
            parameters.some((p) => p.in === 'path' && p.name === name),
            `${where}: path parameter ${name}`,
          );
        }
        if (['post', 'put', 'patch', 'delete'].includes(method) && path !== '/api/v1/auth/login') {
          assert.ok(
            parameters.some((p) => p.in === 'header' && p.name === 'X-CSRF-Token'),
            `${where}: CSRF header`,
          );
        }
      }
    }
    const list = doc.paths['/api/v1/tickets']?.get as { parameters: Array<{ name: string }> };
    assert.deepEqual(list.parameters.map((p) => p.name).sort(), [
      'channel',
      'cursor',
      'desk',
      'from',
      'leaderOnly',
      'limit',
      'needsCallback',
      'order',
      'outcome',
      'overdue',
      'q',
      'rating',
      'sort',
      'spam',
      'status',
      'to',
      'unassigned',
      'unit',
    ]);
    assert.ok(doc.paths['/api/v1/units']?.post?.requestBody, 'bodies are described');
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1] ?? '',
    );
    assert.ok(refs.length > 0);
    for (const ref of refs) assert.ok(ref in doc.components.schemas, `unresolved $ref ${ref}`);
    for (const name of [
      'Ticket',
      'TicketSummary',
      'TicketPage',
      'Unit',
      'Contact',
      'Shift',
      'Override',
      'DutyTarget',
      'Dashboard',
      'User',
      'Error',
    ]) {
      assert.ok(name in doc.components.schemas, `component ${name}`);
    }
  });
});
