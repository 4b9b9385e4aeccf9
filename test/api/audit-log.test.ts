import assert from 'node:assert/strict';
import { type ApiHarness, apiHarness, insertTickets, insertUnits, type SignedIn } from './api.fixture';

describe('API audit log: who saw or changed what, for admins', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let viewer: SignedIn;
  let ticketId: number;

  const page = async (query: string) => (await admin.agent.get(`/api/v1/audit?${query}`).expect(200)).body;
  const actions = (body: { items: { action: string }[] }) => body.items.map((item) => item.action);

  before(async () => {
    h = await apiHarness();
    const units = await insertUnits(h.knex, [{ code: '1', name: 'Phường Một' }]);
    [ticketId = 0] = await insertTickets(h.knex, [
      {
        code: 'HL-2026-000007',
        unitId: units.get('1') ?? null,
        receivedAt: new Date('2026-11-16T01:00:00Z'),
      },
    ]);
    ({ admin, official, viewer } = await h.signInRoles());
    // The official opens the ticket (their ward's, the caller in full) and adds a note.
    await official.agent.get(`/api/v1/tickets/${ticketId}`).expect(200);
    await official.agent
      .post(`/api/v1/tickets/${ticketId}/notes`)
      .set('X-CSRF-Token', official.csrf)
      .send({ text: 'Đã liên hệ' })
      .expect(201);
    await h.knex('audit_log').insert({
      action: 'unit.update',
      entity: 'unit',
      entity_id: String(units.get('1')),
      at: new Date('2026-01-05T03:00:00Z'),
      details: JSON.stringify({ changes: { name: 'Phường Một' } }),
    });
  });
  after(async () => h?.test.drop());

  it('is refused to officials and viewers', async () => {
    for (const who of [official, viewer]) {
      assert.equal((await who.agent.get('/api/v1/audit').expect(403)).body.error.code, 'forbidden');
    }
  });

  it('shows who saw a caller number and who wrote a note on a ticket, by its code', async () => {
    const body = await page('ticket=hl-2026-000007');
    assert.deepEqual(actions(body), ['ticket.note', 'ticket.view-caller']);
    const [note] = body.items;
    assert.equal(note.actor.username, 'official');
    assert.equal(note.ticketCode, 'HL-2026-000007');
    assert.equal(note.entityId, String(ticketId));
  });

  it('filters by who acted and by action, one or a kind of them', async () => {
    assert.deepEqual(actions(await page('actor=OFFICIAL&action=ticket.')), [
      'ticket.note',
      'ticket.view-caller',
    ]);
    assert.deepEqual(actions(await page('action=auth.login&actor=viewer')), ['auth.login']);
    assert.deepEqual(actions(await page('actor=nobody')), []);
  });

  it('filters by a time range', async () => {
    const body = await page('from=2026-01-01T00:00:00%2B07:00&to=2026-02-01T00:00:00%2B07:00');
    assert.deepEqual(actions(body), ['unit.update']);
    assert.equal(body.items[0].actor, null);
  });

  it('pages newest first without overlap or gap', async () => {
    const all = (await page('limit=200')).items.map((item: { id: number }) => item.id);
    assert.ok(all.length >= 5, `${all.length} entries`);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const body = await page(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...body.items.map((item: { id: number }) => item.id));
      cursor = body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, all);
    assert.deepEqual(
      [...all].sort((a, b) => b - a),
      all,
    );
  });

  it('refuses a malformed filter, naming it', async () => {
    for (const [query, field] of [
      ['action=DROP TABLE', 'action'],
      ['cursor=abc', 'cursor'],
      ['from=yesterday', 'from'],
      ['limit=500', 'limit'],
    ]) {
      const res = await admin.agent.get(`/api/v1/audit?${query}`).expect(400);
      assert.equal(res.body.error.details.issues[0].path, field, query);
    }
    const unknown = await admin.agent.get('/api/v1/audit?who=admin').expect(400);
    assert.equal(unknown.body.error.details.issues[0].code, 'unknown-field');
  });
});
