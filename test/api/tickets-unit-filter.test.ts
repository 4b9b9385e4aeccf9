import assert from 'node:assert/strict';
import { type ApiHarness, apiHarness, insertTickets, insertUnits, type SignedIn } from './api.fixture';

const codesOf = (body: { items: Array<{ code: string }> }) => body.items.map((item) => item.code);

/** The statements the app sent while `work` ran, as knex hands them to the database. */
async function statementsOf(h: ApiHarness, work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const onQuery = (query: { sql: string }) => sent.push(query.sql);
  h.knex.on('query', onQuery);
  try {
    await work();
  } finally {
    h.knex.off('query', onQuery);
  }
  return sent;
}

describe('API tickets: the unit filter reads unit codes from memory', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let units: Map<string, number>;

  before(async () => {
    h = await apiHarness();
    units = await insertUnits(h.knex, [
      { code: '1', name: 'Phường Phúc Diễn' },
      { code: '2', name: 'Phường Xuân Đỉnh' },
    ]);
    await insertTickets(h.knex, [
      { code: 'HL-2026-000001', unitId: units.get('1') ?? 0, receivedAt: new Date('2026-11-16T01:00:00Z') },
      { code: 'HL-2026-000002', unitId: units.get('2') ?? 0, receivedAt: new Date('2026-11-17T01:00:00Z') },
    ]);
    ({ admin } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  it('answers a filtered page without reading the units again once their codes are known', async () => {
    await admin.agent.get('/api/v1/tickets?unit=1').expect(200);
    let body: { items: Array<{ code: string }> } = { items: [] };
    const sent = await statementsOf(h, async () => {
      body = (await admin.agent.get('/api/v1/tickets?unit=2').expect(200)).body;
    });
    assert.deepEqual(codesOf(body), ['HL-2026-000002']);
    assert.deepEqual(
      sent.filter((sql) => /from "units"/.test(sql)),
      [],
    );
    assert.equal(sent.filter((sql) => /from tickets/.test(sql)).length, 1);
  });

  it('finds a unit another instance (or a script) added, without waiting for the cache to expire', async () => {
    await admin.agent.get('/api/v1/tickets?unit=1').expect(200);
    const added = await insertUnits(h.knex, [{ code: '3', name: 'Phường Cổ Nhuế 1' }]);
    await insertTickets(h.knex, [
      { code: 'HL-2026-000003', unitId: added.get('3') ?? 0, receivedAt: new Date('2026-11-18T01:00:00Z') },
    ]);
    const res = await admin.agent.get('/api/v1/tickets?unit=3').expect(200);
    assert.deepEqual(codesOf(res.body), ['HL-2026-000003']);
  });

  it('follows a code changed through the API at once: the old code is unknown, the new one filters', async () => {
    await admin.agent.get('/api/v1/tickets?unit=2').expect(200);
    await admin.agent
      .patch(`/api/v1/units/${units.get('2')}`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ code: '22' })
      .expect(200);
    const old = await admin.agent.get('/api/v1/tickets?unit=2').expect(400);
    assert.equal(old.body.error.details.issues[0].code, 'unknown-unit');
    const renamed = await admin.agent.get('/api/v1/tickets?unit=22').expect(200);
    assert.deepEqual(codesOf(renamed.body), ['HL-2026-000002']);
  });
});
