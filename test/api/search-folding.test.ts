import assert from 'node:assert/strict';
import { AVAILABLE_DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../support/database';
import { type ApiHarness, apiHarness, insertTickets, insertUnits, type SignedIn } from './api.fixture';

for (const kind of AVAILABLE_DATABASE_KINDS) {
  describe(`hotline_fold on ${kind}: Vietnamese text without diacritics, in lower case`, function () {
    this.timeout(120_000);
    let test: TestDatabase;
    before(async () => {
      test = await openTestDatabase(kind);
    });
    after(async () => test?.drop());

    const folded = async (text: string) =>
      (await test.db.knex.raw('select hotline_fold(?) as f', [text])).rows[0].f as string;

    for (const [text, expected] of [
      ['Rác thải', 'rac thai'],
      ['RÁC THẢI Ở ĐƯỜNG Đê', 'rac thai o duong de'],
      ['Sổ đỏ, ngập úng, điện chiếu sáng', 'so do, ngap ung, dien chieu sang'],
      ['Rác thải'.normalize('NFD'), 'rac thai'],
      ['HL-2026-000123 +84912345678', 'hl-2026-000123 +84912345678'],
    ]) {
      it(`folds "${text}" to "${expected}"`, async () =>
        assert.equal(await folded(text as string), expected));
    }
  });
}

describe('API tickets: accent-insensitive search', () => {
  let h: ApiHarness;
  let admin: SignedIn;

  before(async () => {
    h = await apiHarness();
    const units = await insertUnits(h.knex, [{ code: '1', name: 'Phường Một' }]);
    const at = new Date('2026-11-16T01:00:00Z');
    const unitId = units.get('1') ?? null;
    await insertTickets(h.knex, [
      { code: 'HL-2026-000001', unitId, receivedAt: at, summary: 'Rác thải đổ trộm ở đầu ngõ' },
      { code: 'HL-2026-000002', unitId, receivedAt: at, summary: 'Đèn đường hỏng' },
      { code: 'HL-2026-000003', unitId, receivedAt: at, summary: 'Rac thai chưa được thu gom' },
    ]);
    await h.user('admin', 'admin');
    admin = await h.signIn('admin');
  });
  after(async () => h?.test.drop());

  const found = async (q: string) =>
    (await admin.agent.get(`/api/v1/tickets?q=${encodeURIComponent(q)}`).expect(200)).body.items
      .map((item: { code: string }) => item.code)
      .sort();

  for (const [what, q, codes] of [
    ['typed without diacritics', 'rac thai', ['HL-2026-000001', 'HL-2026-000003']],
    ['typed with them', 'rác thải', ['HL-2026-000001', 'HL-2026-000003']],
    ['in capitals', 'RÁC THẢI', ['HL-2026-000001', 'HL-2026-000003']],
    ['đ typed as d', 'den duong', ['HL-2026-000002']],
    ['a code in lower case', 'hl-2026-000002', ['HL-2026-000002']],
  ] as const) {
    it(`finds a summary ${what} ("${q}")`, async () => assert.deepEqual(await found(q), codes));
  }

  it('keeps the search index, where there is one (pg_trgm), on the folded text the query matches', async () => {
    const indexes = await h
      .knex('pg_indexes')
      .where({ indexname: 'tickets_search_trgm_idx' })
      .pluck('indexdef');
    for (const definition of indexes) assert.match(definition, /hotline_fold\(/);
    if (indexes.length === 0) return;
    // One connection for the setting and the plan: a pool would hand them different ones.
    const plan = await h.knex.transaction(async (trx) => {
      await trx.raw('set local enable_seqscan = off');
      return trx.raw<{ rows: Record<string, string>[] }>(
        "explain select id from tickets t where hotline_fold(coalesce(t.code, '') || ' ' || coalesce(t.caller_number, '') || ' ' || coalesce(t.summary, '')) like hotline_fold(?)",
        ['%rac thai%'],
      );
    });
    const text = (plan?.rows ?? []).map((row) => row['QUERY PLAN']).join('\n');
    assert.match(text, /tickets_search_trgm_idx/);
  });
});
