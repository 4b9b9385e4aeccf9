import assert from 'node:assert/strict';
import { countRows } from '../support/tables';
import { type ApiHarness, apiHarness, insertTickets, insertUnits, type SignedIn } from './api.fixture';

describe('API tickets: bulk close and transfer (POST /api/v1/tickets/bulk)', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let viewer: SignedIn;
  let units: Map<string, number>;
  let next = 0;

  const bulk = (who: SignedIn, body: object) =>
    who.agent.post('/api/v1/tickets/bulk').set('X-CSRF-Token', who.csrf).send(body);
  const seed = async (tickets: Array<{ unit: string | null; status?: string; confidential?: boolean }>) =>
    insertTickets(
      h.knex,
      tickets.map((ticket) => {
        next += 1;
        return {
          code: `HL-2026-${String(next).padStart(6, '0')}`,
          unitId: ticket.unit ? (units.get(ticket.unit) ?? null) : null,
          receivedAt: new Date(Date.UTC(2026, 10, 16, 1, next)),
          status: ticket.status,
          confidential: ticket.confidential,
        };
      }),
    );
  const eventsOf = (id: number | undefined, kind: string) =>
    h.knex('ticket_events').where({ ticket_id: id, kind }).select('data', 'actor_user_id');
  const auditOf = (id: number | undefined, action: string) =>
    h
      .knex('audit_log')
      .where({ entity: 'ticket', entity_id: String(id), action })
      .select('user_id', 'details');
  const statusOf = async (id: number | undefined) =>
    (await h.knex('tickets').where({ id }).first('status')).status as string;

  before(async () => {
    h = await apiHarness();
    units = await insertUnits(h.knex, [
      { code: '1', name: 'Phường Một' },
      { code: '2', name: 'Phường Hai' },
    ]);
    ({ admin, official, viewer } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  it('closes each ticket as PATCH does: status, a status.changed event, a ticket.update audit row; refuses one closed already', async () => {
    const ids = await seed([
      { unit: '1' },
      { unit: '2', status: 'in_progress' },
      { unit: '1', status: 'closed' },
    ]);
    const views = await countRows(h.knex, 'audit_log', { action: 'ticket.view-caller' });
    const res = await bulk(admin, { action: 'close', ids, reason: 'Cuộc gọi nhầm số' }).expect(200);
    assert.deepEqual(res.body, {
      done: 2,
      refused: 1,
      results: [
        { id: ids[0], outcome: 'done', code: null },
        { id: ids[1], outcome: 'done', code: null },
        { id: ids[2], outcome: 'refused', code: 'already-closed' },
      ],
    });
    const adminId = (await h.knex('users').where({ username: 'admin' }).first('id')).id;
    for (const [id, from] of [
      [ids[0], 'new'],
      [ids[1], 'in_progress'],
    ] as const) {
      assert.equal(await statusOf(id), 'closed');
      assert.deepEqual(await eventsOf(id, 'status.changed'), [
        { data: { from, to: 'closed', reason: 'Cuộc gọi nhầm số' }, actor_user_id: adminId },
      ]);
      assert.deepEqual(await auditOf(id, 'ticket.update'), [
        {
          user_id: adminId,
          details: { changes: {}, status: { from, to: 'closed', reason: 'Cuộc gọi nhầm số' } },
        },
      ]);
    }
    assert.deepEqual(await eventsOf(ids[2], 'status.changed'), []);
    assert.deepEqual(await auditOf(ids[2], 'ticket.update'), []);
    // Closing shows no caller number, so it writes no view of one.
    assert.equal(await countRows(h.knex, 'audit_log', { action: 'ticket.view-caller' }), views);
  });

  it("lets a ward official close their ward's tickets only; another ward's and a missing one are alike not-found", async () => {
    const ids = await seed([{ unit: '1', confidential: true }, { unit: '2' }, { unit: null }]);
    const res = await bulk(official, {
      action: 'close',
      ids: [...ids, 987654321],
      reason: 'Đã xử lý',
    }).expect(200);
    assert.deepEqual(
      res.body.results.map((r: { outcome: string; code: string | null }) => [r.outcome, r.code]),
      [
        ['done', null],
        ['refused', 'not-found'],
        ['refused', 'not-found'],
        ['refused', 'not-found'],
      ],
    );
    assert.deepEqual([res.body.done, res.body.refused], [1, 3]);
    assert.equal(await statusOf(ids[0]), 'closed');
    assert.equal(await statusOf(ids[1]), 'new');
    assert.equal(await statusOf(ids[2]), 'new');
    assert.equal(JSON.stringify(res.body).includes('HL-2026'), false);
  });

  it('transfers each ticket as POST /transfer does: unit, timeline, audit, notice; refuses one already there', async () => {
    const ids = await seed([{ unit: '1' }, { unit: null }, { unit: '2' }]);
    const res = await bulk(admin, {
      action: 'transfer',
      ids,
      unitId: units.get('2'),
      reason: 'Địa bàn phường Hai',
    }).expect(200);
    assert.deepEqual(
      res.body.results.map((r: { id: number; outcome: string; code: string | null }) => [
        r.id,
        r.outcome,
        r.code,
      ]),
      [
        [ids[0], 'done', null],
        [ids[1], 'done', null],
        [ids[2], 'refused', 'already-in-unit'],
      ],
    );
    const two = { id: units.get('2'), code: '2', name: 'Phường Hai' };
    for (const [id, from] of [
      [ids[0], { id: units.get('1'), code: '1', name: 'Phường Một' }],
      [ids[1], null],
    ] as const) {
      const [event] = await eventsOf(id, 'ticket.transferred');
      assert.deepEqual(event?.data, { from, to: two, reason: 'Địa bàn phường Hai' });
      assert.deepEqual(
        (await auditOf(id, 'ticket.transfer')).map((row) => row.details),
        [{ from: from?.code ?? null, to: '2', reason: 'Địa bàn phường Hai' }],
      );
      const notices = await h.knex('notifications').where({ ticket_id: id }).select('kind', 'unit_id');
      assert.deepEqual(notices, [{ kind: 'transferred', unit_id: units.get('2') }]);
    }
    assert.deepEqual(await eventsOf(ids[2], 'ticket.transferred'), []);
  });

  it('keeps bulk transfer to admins, and bulk anything from viewers (403), changing nothing', async () => {
    const ids = await seed([{ unit: '1' }]);
    const refused = await bulk(official, { action: 'transfer', ids, unitId: units.get('2') }).expect(403);
    assert.equal(refused.body.error.code, 'forbidden');
    const read = await bulk(viewer, { action: 'close', ids, reason: 'x' }).expect(403);
    assert.equal(read.body.error.code, 'forbidden');
    assert.equal(await statusOf(ids[0]), 'new');
    assert.deepEqual(await eventsOf(ids[0], 'ticket.transferred'), []);
  });

  const invalid: Array<[string, object, string, string]> = [
    ['no ids', { action: 'close', ids: [], reason: 'x' }, 'ids', 'too-few'],
    [
      '201 ids',
      { action: 'close', ids: Array.from({ length: 201 }, (_, i) => i + 1), reason: 'x' },
      'ids',
      'too-many',
    ],
    ['an id twice', { action: 'close', ids: [1, 1], reason: 'x' }, 'ids', 'duplicate-id'],
    ['a close without a reason', { action: 'close', ids: [1] }, 'reason', 'required'],
    ['a blank reason', { action: 'close', ids: [1], reason: '  ' }, 'reason', 'required'],
    ['an unknown action', { action: 'delete', ids: [1] }, 'action', 'invalid-choice'],
    ['a transfer without a unit', { action: 'transfer', ids: [1] }, 'unitId', 'required'],
    ['a stray field', { action: 'close', ids: [1], reason: 'x', status: 'new' }, 'bulk', 'unknown-field'],
  ];
  for (const [what, body, path, code] of invalid) {
    it(`refuses ${what}: 400 ${code} on ${path}`, async () => {
      const res = await bulk(admin, body).expect(400);
      assert.equal(res.body.error.code, 'validation-failed');
      const [issue] = res.body.error.details.issues;
      assert.equal(issue.code, code);
      if (path !== 'bulk') assert.equal(issue.path, path);
    });
  }

  it('refuses a transfer to an unknown or retired unit before touching any ticket', async () => {
    const ids = await seed([{ unit: '1' }]);
    const res = await bulk(admin, { action: 'transfer', ids, unitId: 999999 }).expect(400);
    assert.equal(res.body.error.details.issues[0].code, 'unknown-unit');
    assert.deepEqual(await eventsOf(ids[0], 'ticket.transferred'), []);
  });
});
