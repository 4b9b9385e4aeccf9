// Past 300 lines on purpose: one sweep of every route the OpenAPI document lists, as the ward's
// official, with the helpers that turn the document into requests (paths, queries, bodies); split,
// the sweep would lose sight of what it calls.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { callLogRows } from '../../core/digest/call-log.repo';
import { parsePeriod } from '../../core/digest/digest.period';
import { DigestRepository } from '../../core/digest/digest.repo';
import { renderDigestText } from '../../core/digest/digest.text';
import { renderComplaintNotice } from '../../server/jobs/notifications.render';
import { NotificationsRepository } from '../../server/jobs/notifications.repo';
import { smallPng } from '../support/test-images';
import { type ApiHarness, apiHarness, insertUnits, PASSWORD } from './api.fixture';

/**
 * Issue 13, item 4: a ward official can never reach a confidential complaint to the chairman about
 * their own ward, by ANY route. The routes are read from the app's own OpenAPI document, so a
 * route added later is swept too: every GET with the complaint's id for each path parameter and
 * with every search and filter parameter it declares, and every mutating route that takes an id,
 * whose answer for the complaint must be the answer for an id that does not exist.
 */

const NOW = new Date('2026-12-03T02:00:00Z');
const TZ = 'Asia/Ho_Chi_Minh';
const MARKER = 'ZQXJ cán bộ Bí đòi tiền';
const PHONE = '0976 543 219';
const PHONE_FORMS = ['+84976543219', '0976 543 219', '0976543219', '976543219', '0976 543'];

interface Operation {
  method: string;
  path: string;
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}
type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minLength?: number;
  minimum?: number;
  format?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

describe('a confidential complaint to the chairman: no route reaches it for the ward it is about', function () {
  this.timeout(240_000);
  let h: ApiHarness;
  let base: string;
  let close: () => void;
  let complaint: { id: number; code: string; secret: string };
  let plainCode: string;
  let document: {
    paths: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, Schema> };
  };
  const sessions: Record<'official' | 'admin' | 'clerk' | 'viewer', { cookie: string; csrf: string }> =
    {} as never;

  const leaks = (text: string) => {
    const found = [complaint.code, complaint.code.toLowerCase(), 'ZQXJ', 'đòi tiền', ...PHONE_FORMS].filter(
      (needle) => text.includes(needle),
    );
    return found;
  };

  const call = async (
    who: keyof typeof sessions,
    method: string,
    path: string,
    body?: unknown,
    { stream = false } = {},
  ): Promise<{ status: number; text: string; type: string }> => {
    const session = sessions[who];
    const controller = new AbortController();
    const res = await fetch(`${base}${path}`, {
      method: method.toUpperCase(),
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
    const type = res.headers.get('content-type') ?? '';
    if (stream && type.includes('text/event-stream') && res.body) {
      // A live stream never ends: read until its first event has arrived whole, then leave.
      const reader = res.body.getReader();
      let text = '';
      while (!/\n\n/.test(text)) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += Buffer.from(chunk.value).toString('utf8');
      }
      controller.abort();
      return { status: res.status, text, type };
    }
    if (type.includes('spreadsheetml')) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      const cells: string[] = [];
      book.eachSheet((sheet) =>
        sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? '')))),
      );
      return { status: res.status, text: cells.join('\n'), type };
    }
    if (type.includes('pdf') || type.includes('image/png'))
      return { status: res.status, text: Buffer.from(await res.arrayBuffer()).toString('latin1'), type };
    return { status: res.status, text: await res.text(), type };
  };

  const signIn = async (username: string) => {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    assert.equal(res.status, 200, username);
    const cookie = (res.headers.getSetCookie?.() ?? []).map((line) => line.split(';')[0]).join('; ');
    return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  };

  before(async () => {
    h = await apiHarness({ now: () => NOW });
    await insertUnits(h.knex, [
      { code: '1', name: 'Phường Phúc Diễn' },
      { code: '12', name: 'Phường Xuân Đỉnh' },
    ]);
    await h
      .knex('settings')
      .where({ key: 'installed_at' })
      .update({ value: JSON.stringify('2026-01-01T00:00:00Z') });
    // Ticket ids far above every unit, user, desk or contact id: a swept route that takes another
    // entity's id answers for an id nobody has, whichever the ticket's.
    await h.knex.raw("select setval(pg_get_serial_sequence('tickets', 'id'), 700000)");
    await h.user('admin', 'admin');
    await h.user('clerk', 'admin');
    await h.user('official', 'ward_official', ['1']);
    await h.user('viewer', 'viewer');
    const server = h.app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
    for (const who of ['official', 'admin', 'viewer'] as const) sessions[who] = await signIn(who);

    // As the form sends it: multipart, with a photo of the evidence.
    const sent = await request(h.app)
      .post('/p/u/1/complaint')
      .field('text', MARKER)
      .field('phone', PHONE)
      .field('website', '')
      .attach('photo', await smallPng(), { filename: 'bien-lai.png', contentType: 'image/png' })
      .expect(201);
    const code = /class="code">([^<]+)</.exec(sent.text)?.[1] ?? '';
    const secret = /class="secret">([^<]+)</.exec(sent.text)?.[1] ?? '';
    const row = await h.knex('tickets').where({ code }).first('id', 'leader_only', 'confidential', 'unit_id');
    assert.ok(row, 'the complaint was stored');
    assert.equal(row.leader_only, true);
    assert.equal(row.confidential, true);
    complaint = { id: Number(row.id), code, secret };
    const plain = await request(h.app)
      .post('/p/u/1/feedback')
      .type('form')
      .send({ text: 'Đèn đường hỏng', website: '' })
      .expect(201);
    plainCode = /class="code">([^<]+)</.exec(plain.text)?.[1] ?? '';

    const clerkId = (await h.knex('users').where({ username: 'clerk' }).first('id')).id;
    const granted = await call('admin', 'patch', `/api/v1/users/${clerkId}`, { readsComplaints: true });
    assert.equal(granted.status, 200, granted.text);
    assert.equal(JSON.parse(granted.text).readsComplaints, true);
    sessions.clerk = await signIn('clerk');
    document = JSON.parse((await call('admin', 'get', '/api/v1/openapi.json')).text);
  });
  after(async () => {
    close?.();
    await h?.test.drop();
  });

  it('the citizen page says plainly who reads it, from the unit page and the home page', async () => {
    const page = await request(h.app).get('/p/u/1/complaint').expect(200);
    assert.match(page.text, /Chỉ Chủ tịch và cán bộ Phòng Nội vụ/);
    assert.match(page.text, /Cán bộ của Phường Phúc Diễn không xem được phản ánh/);
    assert.match((await request(h.app).get('/p/u/1').expect(200)).text, /href="\/p\/u\/1\/complaint"/);
    const home = await request(h.app).get('/p/').expect(200);
    assert.match(home.text, /href="\/p\/complaint">Phản ánh kín về cán bộ</);
    assert.match((await request(h.app).get('/p/complaint').expect(200)).text, /href="\/p\/u\/1\/complaint"/);
    const english = await request(h.app).get('/p/u/1/complaint?lang=en').expect(200);
    assert.match(english.text, /The staff of Phường Phúc Diễn cannot see it/);
  });

  it('refuses a robot with the honeypot, as the feedback form does, and stores nothing', async () => {
    const before = await h.knex('tickets').count<{ n: number }[]>({ n: '*' });
    await request(h.app)
      .post('/p/u/1/complaint')
      .type('form')
      .send({ text: 'x y z', website: 'http://spam' })
      .expect(400);
    assert.deepEqual(await h.knex('tickets').count<{ n: number }[]>({ n: '*' }), before);
  });

  it('shows its tracking only status and the public answer, no unit', async () => {
    const res = await request(h.app)
      .post('/p/t')
      .type('form')
      .send({ code: complaint.code, secret: complaint.secret })
      .expect(200);
    assert.match(res.text, /Đã tiếp nhận/);
    assert.doesNotMatch(res.text, /Phường Phúc Diễn|ZQXJ|0976/);
    const wrong = await request(h.app)
      .post('/p/t')
      .type('form')
      .send({ code: complaint.code, secret: '000000' });
    const none = await request(h.app)
      .post('/p/t')
      .type('form')
      .send({ code: 'HL-2026-999999', secret: '000000' });
    assert.equal(wrong.status, none.status);
    assert.equal(wrong.text.replace(complaint.code, 'X'), none.text.replace('HL-2026-999999', 'X'));
  });

  it('the permission holder sees the sender; an admin sees it masked; a viewer not at all; each view audited', async () => {
    const byClerk = JSON.parse((await call('clerk', 'get', `/api/v1/tickets/${complaint.id}`)).text);
    assert.equal(byClerk.callerNumber, '+84976543219');
    assert.equal(byClerk.leaderOnly, true);
    assert.equal(byClerk.summary, MARKER);
    const byAdmin = JSON.parse((await call('admin', 'get', `/api/v1/tickets/${complaint.id}`)).text);
    assert.equal(byAdmin.callerMasked, true);
    assert.equal(byAdmin.summary, MARKER);
    assert.deepEqual(leaks(JSON.stringify(byAdmin.callerNumber)), []);
    const list = JSON.parse((await call('admin', 'get', '/api/v1/tickets?leaderOnly=true')).text);
    assert.deepEqual(
      list.items.map((item: { code: string }) => item.code),
      [complaint.code],
    );
    assert.equal((await call('viewer', 'get', `/api/v1/tickets/${complaint.id}`)).status, 404);
    const photo = await call('admin', 'get', `/api/v1/tickets/${complaint.id}/photos/1`);
    assert.deepEqual([photo.status, photo.type], [200, 'image/jpeg']);
    assert.equal((await call('official', 'get', `/api/v1/tickets/${complaint.id}/photos/1`)).status, 404);
    const views = await h
      .knex('audit_log as a')
      .join('users as u', 'u.id', 'a.user_id')
      .where({ 'a.action': 'ticket.view-complaint', 'a.entity_id': String(complaint.id) })
      .select('u.username', 'a.details');
    const seen = views.map((row) => `${row.username}:${row.details.where}`).sort();
    assert.deepEqual(seen, ['admin:detail', 'admin:list', 'admin:photo', 'clerk:detail']);
  });

  it('refuses the permission to a ward official', async () => {
    const officialId = (await h.knex('users').where({ username: 'official' }).first('id')).id;
    const res = await call('admin', 'patch', `/api/v1/users/${officialId}`, { readsComplaints: true });
    assert.equal(res.status, 400);
    assert.equal(JSON.parse(res.text).error.details.issues[0].code, 'complaints-not-for-unit-staff');
  });

  it('every GET of the route table, with every filter it declares, shows the official nothing of it', async () => {
    const listed = await call('official', 'get', '/api/v1/tickets');
    assert.ok(listed.text.includes(plainCode), 'the sweep reads what the official does see');
    let swept = 0;
    for (const op of operations('get')) {
      for (const query of queriesFor(op)) {
        const path = `${fill(op)}${query}`;
        const res = await call('official', 'get', path, undefined, { stream: true });
        assert.deepEqual(leaks(res.text), [], `GET ${path} (${res.status})`);
        swept += 1;
      }
    }
    assert.ok(swept > 60, `swept ${swept} requests`);
  });

  it('every mutating route that takes an id answers for the complaint as for no ticket, and changes nothing', async () => {
    const before = await h.knex('tickets').where({ id: complaint.id }).first();
    const events = await h
      .knex('ticket_events')
      .where({ ticket_id: complaint.id })
      .count<{ n: number }[]>({ n: '*' });
    const missing = complaint.id + 1000;
    let refusedAsMissing = 0;
    for (const op of operations()) {
      if (op.method === 'get') continue;
      for (const body of bodiesFor(op)) {
        const hasId =
          /\{[^}]+\}/.test(op.path) || JSON.stringify(body ?? null).includes(String(ID_PLACEHOLDER));
        if (!hasId) continue;
        const at = (id: number) => ({
          path: fill(op, id),
          body:
            body === undefined
              ? undefined
              : JSON.parse(JSON.stringify(body).replaceAll(String(ID_PLACEHOLDER), String(id))),
        });
        const real = at(complaint.id);
        const none = at(missing);
        const a = await call('official', op.method, real.path, real.body);
        const b = await call('official', op.method, none.path, none.body);
        const label = `${op.method.toUpperCase()} ${op.path} ${JSON.stringify(body)}`;
        assert.deepEqual(leaks(a.text), [], label);
        assert.equal(a.status, b.status, `${label}: ${a.text} / ${b.text}`);
        assert.equal(
          a.text.replaceAll(String(complaint.id), ':id'),
          b.text.replaceAll(String(missing), ':id'),
          label,
        );
        if (a.status === 404 && op.path.startsWith('/tickets/')) refusedAsMissing += 1;
      }
    }
    // Each ticket route got past validation at least once: its refusal is the existence check's.
    const ticketRoutes = operations().filter((op) => op.method !== 'get' && op.path.startsWith('/tickets/{'));
    assert.ok(
      refusedAsMissing >= ticketRoutes.length,
      `${refusedAsMissing} of ${ticketRoutes.length} routes`,
    );
    assert.deepEqual(await h.knex('tickets').where({ id: complaint.id }).first(), before);
    assert.deepEqual(
      await h.knex('ticket_events').where({ ticket_id: complaint.id }).count<{ n: number }[]>({ n: '*' }),
      events,
    );
  });

  it('no notice, reminder, digest or digest attachment for the unit carries it; Home Affairs gets a notice naming only its code', async () => {
    const repo = new NotificationsRepository(h.knex);
    await h
      .knex('tickets')
      .where({ id: complaint.id })
      .update({ due_at: new Date(NOW.getTime() - 86_400_000) });
    const since = new Date(NOW.getTime() - 86_400_000);
    await repo.enqueueTicketNotices(since, NOW);
    await repo.enqueueComplaintNotices(since, NOW);
    await repo.enqueueReminders('2026-12-03', NOW, NOW);
    const queued = await h.knex('notifications').select('kind', 'ticket_id', 'unit_id');
    const aboutIt = queued.filter((row) => Number(row.ticket_id) === complaint.id);
    assert.deepEqual(
      aboutIt.map((row) => row.kind),
      ['complaint_received'],
    );
    assert.ok(!queued.some((row) => row.kind === 'overdue_reminder'), 'its lateness reminds no unit');
    assert.equal(await repo.ticket(complaint.id), undefined);
    assert.deepEqual(await repo.overdue(NOW, null), []);
    const unitId = (await h.knex('units').where({ code: '1' }).first('id')).id;
    assert.deepEqual(await repo.overdue(NOW, unitId), []);
    const stored = await repo.complaint(complaint.id);
    assert.ok(stored);
    const notice = renderComplaintNotice(stored, { publicUrl: 'https://hotline.example.vn', timeZone: TZ });
    assert.match(notice.subject, new RegExp(`\\[${complaint.code}\\] Phản ánh kín gửi Chủ tịch`));
    assert.deepEqual(leaks(`${notice.text}${notice.html}`.replaceAll(complaint.code, '')), []);
    assert.doesNotMatch(notice.text, /Phúc Diễn/);

    const period = parsePeriod('weekly', '2026-W49', TZ);
    assert.ok(period);
    const report = await new DigestRepository(h.knex).build(period, {
      asOf: NOW,
      timeZone: TZ,
      publicUrl: 'https://hotline.example.vn',
    });
    assert.deepEqual(leaks(renderDigestText(report)), []);
    const rows: string[] = [];
    for await (const row of callLogRows(h.knex, period.range)) rows.push(JSON.stringify(row));
    assert.ok(
      rows.some((row) => row.includes(plainCode)),
      'the attachment has the other tickets',
    );
    assert.deepEqual(leaks(rows.join('\n')), []);
  });

  /** The document's operations, with the path as the route table writes it (`{id}`). */
  function operations(only?: string): Operation[] {
    const list: Operation[] = [];
    for (const [path, methods] of Object.entries(document.paths))
      for (const [method, op] of Object.entries(methods))
        if (!only || method === only) list.push({ ...op, method, path: path.replace(/^\/api\/v1/, '') });
    return list;
  }

  function resolve(schema: Schema | undefined): Schema {
    if (!schema) return {};
    if (schema.$ref) return resolve(document.components?.schemas?.[schema.$ref.split('/').pop() ?? '']);
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map(resolve));
    if (schema.anyOf || schema.oneOf) {
      const options = (schema.anyOf ?? schema.oneOf ?? []).map(resolve);
      return options.find((option) => option.type !== 'null') ?? {};
    }
    return schema;
  }

  /** The path with the complaint's id (or `id`) for `{id}` and a valid value for any other parameter. */
  function fill(op: Operation, id = complaint.id): string {
    const path = op.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
      if (name === 'id') return String(id);
      const param = op.parameters?.find((p) => p.in === 'path' && p.name === name);
      const schema = resolve(param?.schema);
      return String(schema.enum?.[0] ?? schema.const ?? schema.minimum ?? id);
    });
    return `/api/v1${path}`;
  }

  /** No query, then each declared parameter set to what would find the complaint, then all at once. */
  function queriesFor(op: Operation): string[] {
    const names = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    const values: Record<string, string[]> = {
      q: [complaint.code, 'ZQXJ', PHONE, '0976543219', '976543219'],
      unit: ['1'],
      ticket: [complaint.code],
      leaderOnly: ['true'],
      channel: ['web-feedback'],
      status: ['new'],
      spam: ['false'],
      overdue: ['true'],
      needsCallback: ['false'],
      order: ['asc'],
      action: ['ticket.'],
      limit: ['200'],
    };
    const queries = [''];
    for (const name of names)
      for (const value of values[name] ?? []) queries.push(`?${name}=${encodeURIComponent(value)}`);
    const all = names.filter((name) => values[name] && name !== 'q' && name !== 'overdue');
    if (all.length > 1) {
      const joined = all.map((name) => `${name}=${encodeURIComponent(values[name]?.[0] ?? '')}`).join('&');
      queries.push(`?${joined}`, `?${joined}&q=ZQXJ`);
    }
    return queries;
  }

  /** A body with only the required fields and one with every field, ids as a placeholder. */
  function bodiesFor(op: Operation): unknown[] {
    const schema = resolve(op.requestBody?.content?.['application/json']?.schema);
    if (!op.requestBody) return [undefined];
    return [sampleOf(schema, 'required'), sampleOf(schema, 'all')];
  }
});

/** Stands for an id in a synthesised body; replaced by the complaint's or a missing one. */
const ID_PLACEHOLDER = 987654321;

function sampleOf(schema: Schema, fields: 'required' | 'all', name = ''): unknown {
  const types = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : [schema.type];
  const type = types[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(schema.properties ?? {}))
      if (fields === 'all' || schema.required?.includes(key)) out[key] = sampleOf(sub, fields, key);
    return out;
  }
  if (type === 'array') return [sampleOf(schema.items ?? {}, fields, name)];
  if (type === 'integer' || type === 'number')
    return /ids?$/i.test(name) ? ID_PLACEHOLDER : Math.max(1, schema.minimum ?? 1);
  if (type === 'boolean') return true;
  if (schema.format === 'date-time') return '2026-12-05T03:00:00.000Z';
  if (/reason|note|text|summary/i.test(name)) return 'lý do đủ dài để qua kiểm tra';
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}
