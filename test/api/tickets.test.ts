import assert from 'node:assert/strict';
import request from 'supertest';
import { ticketListResponse, ticketSchema } from '../../server/api/tickets/tickets.schemas';
import { countRows } from '../support/tables';
import { type ApiHarness, apiHarness, insertTickets, insertUnits, type SignedIn } from './api.fixture';

const at = (iso: string) => new Date(iso);
const codesOf = (res: request.Response) =>
  (res.body.items as Array<{ code: string }>).map((item) => item.code);

describe('API tickets: list, filters, visibility, masking', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let viewer: SignedIn;
  let ids: Record<string, number>;

  before(async () => {
    h = await apiHarness();
    const units = await insertUnits(h.knex, [
      { code: '1', name: 'Phường Phúc Diễn' },
      { code: '2', name: 'Phường Xuân Đỉnh' },
    ]);
    const [one, two] = [units.get('1') ?? 0, units.get('2') ?? 0];
    const inserted = await insertTickets(h.knex, [
      {
        code: 'HL-2026-000001',
        unitId: one,
        receivedAt: at('2026-11-16T01:00:00Z'),
        summary: 'Hỏi về sổ đỏ',
        rating: 1,
      },
      {
        code: 'HL-2026-000002',
        unitId: two,
        receivedAt: at('2026-11-17T01:00:00Z'),
        outcome: 'missed',
        needsCallback: true,
        callerNumber: '+84987654321',
      },
      {
        code: 'HL-2026-000003',
        unitId: one,
        receivedAt: at('2026-11-18T01:00:00Z'),
        confidential: true,
        callerNumber: '+84911222333',
        summary: 'Phản ánh cán bộ',
        rating: 3,
        status: 'in_progress',
      },
      {
        code: 'HL-2026-000004',
        unitId: null,
        receivedAt: at('2026-11-19T01:00:00Z'),
        outcome: 'invalid_input',
        callerNumber: null,
      },
      {
        code: 'HL-2026-000005',
        unitId: two,
        receivedAt: at('2026-11-20T01:00:00Z'),
        outcome: 'voicemail',
        summary: 'Bảo hiểm xã hội',
        status: 'resolved',
        voicemailName: 'voicemail-5',
      },
    ]);
    ids = Object.fromEntries(inserted.map((id, index) => [`T${index + 1}`, id]));
    ({ admin, official, viewer } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  it('lists newest first for an admin, numbers in full, each shown number in the audit log', async () => {
    const before = await countRows(h.knex, 'audit_log', { action: 'ticket.view-caller' });
    const res = await admin.agent.get('/api/v1/tickets').expect(200);
    ticketListResponse.parse(res.body);
    assert.deepEqual(codesOf(res), [
      'HL-2026-000005',
      'HL-2026-000004',
      'HL-2026-000003',
      'HL-2026-000002',
      'HL-2026-000001',
    ]);
    const confidential = res.body.items.find((item: { code: string }) => item.code === 'HL-2026-000003');
    assert.equal(confidential.callerNumber, '+84911222333');
    assert.equal(confidential.callerMasked, false);
    assert.deepEqual(confidential.unit, { id: confidential.unit.id, code: '1', name: 'Phường Phúc Diễn' });
    assert.equal(res.body.nextCursor, null);
    // Four of the five have a number; the invalid-input call has none to see.
    assert.equal((await countRows(h.knex, 'audit_log', { action: 'ticket.view-caller' })) - before, 4);
  });

  /** The tickets whose numbers were recorded as seen by `work`, and by whom, in the order written. */
  async function callerViewsDuring(work: () => Promise<unknown>) {
    const last = await h.knex('audit_log').max('id as id').first();
    await work();
    const rows = await h
      .knex('audit_log as a')
      .join('users as u', 'u.id', 'a.user_id')
      .where('a.id', '>', last?.id ?? 0)
      .andWhere('a.action', 'ticket.view-caller')
      .orderBy('a.id')
      .select('a.entity_id', 'a.details', 'u.username');
    return rows.map((row) => ({ ticket: Number(row.entity_id), by: row.username, where: row.details.where }));
  }

  it('audits the numbers a page shows, not the row read ahead to learn that another page exists', async () => {
    // The page is T5 and T4 (no number to see); T3, read ahead, has a number but is not shown.
    const views = await callerViewsDuring(() => admin.agent.get('/api/v1/tickets?limit=2').expect(200));
    assert.deepEqual(views, [{ ticket: ids.T5, by: 'admin', where: 'list' }]);
  });

  it("audits a ward official's view of plain numbers, never of the confidential one they see masked", async () => {
    const views = await callerViewsDuring(() => official.agent.get('/api/v1/tickets').expect(200));
    assert.deepEqual(views, [{ ticket: ids.T1, by: 'official', where: 'list' }]);
  });

  it("shows a ward official only their ward's tickets, confidential callers masked", async () => {
    const res = await official.agent.get('/api/v1/tickets').expect(200);
    assert.deepEqual(codesOf(res), ['HL-2026-000003', 'HL-2026-000001']);
    const [confidential, plain] = res.body.items;
    assert.deepEqual([confidential.callerNumber, confidential.callerMasked], ['+84***33', true]);
    assert.deepEqual([plain.callerNumber, plain.callerMasked], ['+84912345678', false]);
  });

  it('shows a viewer every unit but no confidential ticket, every caller number masked, and audits no view', async () => {
    const before = await countRows(h.knex, 'audit_log', { action: 'ticket.view-caller' });
    const res = await viewer.agent.get('/api/v1/tickets').expect(200);
    assert.deepEqual(codesOf(res), ['HL-2026-000005', 'HL-2026-000004', 'HL-2026-000002', 'HL-2026-000001']);
    for (const item of res.body.items) {
      if (item.callerNumber !== null) assert.match(item.callerNumber, /\*\*\*/);
    }
    assert.equal(await countRows(h.knex, 'audit_log', { action: 'ticket.view-caller' }), before);
  });

  const filters: Array<[string, string, string[]]> = [
    ['unit', 'unit=2', ['HL-2026-000005', 'HL-2026-000002']],
    [
      'several units',
      'unit=1,2&order=asc',
      ['HL-2026-000001', 'HL-2026-000002', 'HL-2026-000003', 'HL-2026-000005'],
    ],
    ['date range', 'from=2026-11-17T01:00:00Z&to=2026-11-19T01:00:00Z', ['HL-2026-000003', 'HL-2026-000002']],
    ['outcome list', 'outcome=missed,voicemail', ['HL-2026-000005', 'HL-2026-000002']],
    ['status', 'status=in_progress', ['HL-2026-000003']],
    ['rating', 'rating=3', ['HL-2026-000003']],
    ['needs callback', 'needsCallback=true', ['HL-2026-000002']],
    ['text in the summary, any case', 'q=SỔ ĐỎ', ['HL-2026-000001']],
    ['part of a code', 'q=000004', ['HL-2026-000004']],
    ['a number as people write it', 'q=0987 654 321', ['HL-2026-000002']],
    ['a LIKE wildcard is a plain character', 'q=%25%25', []],
    ['filters combined', 'unit=2&outcome=voicemail&status=resolved', ['HL-2026-000005']],
  ];
  for (const [name, query, expected] of filters) {
    it(`filters by ${name}`, async () => {
      const res = await admin.agent.get(`/api/v1/tickets?${query}`).expect(200);
      assert.deepEqual(codesOf(res), expected);
    });
  }

  it('never lets a search match a caller number the user may not see', async () => {
    assert.deepEqual(codesOf(await admin.agent.get('/api/v1/tickets?q=0911222333').expect(200)), [
      'HL-2026-000003',
    ]);
    assert.deepEqual(codesOf(await official.agent.get('/api/v1/tickets?q=0911222333').expect(200)), []);
    assert.deepEqual(codesOf(await viewer.agent.get('/api/v1/tickets?q=0912345678').expect(200)), []);
    assert.deepEqual(codesOf(await official.agent.get('/api/v1/tickets?q=0912345678').expect(200)), [
      'HL-2026-000001',
    ]);
  });

  it('gives a ward official nothing when filtering by another ward', async () => {
    assert.deepEqual(codesOf(await official.agent.get('/api/v1/tickets?unit=2').expect(200)), []);
  });

  const invalid: Array<[string, string]> = [
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['outcome=answered,bogus', 'outcome.1'],
    ['from=yesterday', 'from'],
    ['needsCallback=maybe', 'needsCallback'],
    ['cursor=bm9wZQ', 'cursor'],
    ['unit=99', 'unit'],
    ['order=sideways', 'order'],
  ];
  for (const [query, path] of invalid) {
    it(`refuses ${query} with a 400 naming ${path}`, async () => {
      const res = await admin.agent.get(`/api/v1/tickets?${query}`).expect(400);
      assert.equal(res.body.error.code, 'validation-failed');
      assert.deepEqual(
        res.body.error.details.issues.map((issue: { path: string }) => issue.path),
        [path],
      );
    });
  }

  it('says whether a switchboard is connected (none here: no recording plays, no callback is offered)', async () => {
    const res = await admin.agent.get('/api/v1/telephony').expect(200);
    assert.deepEqual(res.body, { recordings: false, connected: false });
    await request(h.app).get('/api/v1/telephony').expect(401);
  });

  it('requires a session', async () => {
    const res = await request(h.app).get('/api/v1/tickets').expect(401);
    assert.equal(res.body.error.code, 'unauthorized');
  });

  it('opens a ticket with its timeline; another ward or a confidential one for a viewer is simply not found', async () => {
    const res = await admin.agent.get(`/api/v1/tickets/${ids.T5}`).expect(200);
    ticketSchema.parse(res.body);
    assert.deepEqual(res.body.voicemail, {
      name: 'voicemail-5',
      url: `/api/v1/tickets/${ids.T5}/voicemail`,
      expiredAt: null,
    });
    assert.equal(res.body.recording, null);
    const missing = await official.agent.get('/api/v1/tickets/999999').expect(404);
    const otherWard = await official.agent.get(`/api/v1/tickets/${ids.T2}`).expect(404);
    assert.equal(otherWard.body.error.code, 'not-found');
    assert.equal(JSON.stringify(otherWard.body).includes('HL-2026-000002'), false);
    assert.deepEqual(Object.keys(otherWard.body.error), Object.keys(missing.body.error));
    await viewer.agent.get(`/api/v1/tickets/${ids.T3}`).expect(404);
    await official.agent.get(`/api/v1/tickets/${ids.T4}`).expect(404);
    const own = await official.agent.get(`/api/v1/tickets/${ids.T3}`).expect(200);
    assert.equal(own.body.callerNumber, '+84***33');
    const asViewer = await viewer.agent.get(`/api/v1/tickets/${ids.T1}`).expect(200);
    assert.equal(asViewer.body.callerNumber, '+84***78');
    await admin.agent.get('/api/v1/tickets/abc').expect(400);
  });

  it('writes an audit row when a detail shows a caller number in full', async () => {
    const where = { action: 'ticket.view-caller', entity_id: String(ids.T3) };
    const before = await countRows(h.knex, 'audit_log', where);
    await admin.agent.get(`/api/v1/tickets/${ids.T3}`).expect(200);
    await official.agent.get(`/api/v1/tickets/${ids.T3}`).expect(200);
    assert.equal((await countRows(h.knex, 'audit_log', where)) - before, 1);
  });
});

describe('API tickets: keyset pagination', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let expectedDesc: number[];

  before(async () => {
    h = await apiHarness();
    const units = await insertUnits(h.knex, [{ code: '1', name: 'Phường Một' }]);
    // 53 tickets on 20 instants: ties on received_at must be broken by id, with microseconds kept.
    const seeds = Array.from({ length: 53 }, (_, i) => ({
      code: `HL-2026-${String(i + 1).padStart(6, '0')}`,
      unitId: units.get('1') ?? null,
      receivedAt: new Date(Date.UTC(2026, 10, 1) + (i % 20) * 60_000),
    }));
    const ids = await insertTickets(h.knex, seeds);
    await h.knex.raw(
      "update tickets set received_at = received_at + interval '0.000321 second' where id % 3 = 0",
    );
    const rows = await h
      .knex('tickets')
      .orderBy([
        { column: 'received_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .select('id');
    expectedDesc = rows.map((row) => row.id);
    assert.equal(ids.length, 53);
    await h.user('admin', 'admin');
    admin = await h.signIn('admin');
  });
  after(async () => h?.test.drop());

  for (const order of ['desc', 'asc'] as const) {
    for (const filter of ['', '&unit=1']) {
      it(`walks every ticket exactly once, in ${order} order${filter ? ', filtered by unit' : ''}`, async () => {
        const seen: number[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const query: string = `/api/v1/tickets?limit=7&order=${order}${filter}${cursor ? `&cursor=${cursor}` : ''}`;
          const res = await admin.agent.get(query).expect(200);
          seen.push(...res.body.items.map((item: { id: number }) => item.id));
          cursor = res.body.nextCursor;
          pages += 1;
        } while (cursor !== null);
        assert.deepEqual(seen, order === 'desc' ? expectedDesc : [...expectedDesc].reverse());
        assert.equal(pages, 8);
      });
    }
  }

  it('returns no cursor when the last page is exactly full', async () => {
    const first = await admin.agent.get('/api/v1/tickets?limit=50').expect(200);
    const rest = await admin.agent.get(`/api/v1/tickets?limit=3&cursor=${first.body.nextCursor}`).expect(200);
    assert.equal(rest.body.items.length, 3);
    assert.equal(rest.body.nextCursor, null);
  });
});
