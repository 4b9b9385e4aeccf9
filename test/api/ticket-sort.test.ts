import assert from 'node:assert/strict';
import { STATUS_RANK, TICKET_SORT_NAMES, type TicketSortName } from '../../core/tickets/ticket-sort';
import type { TicketStatus } from '../../core/tickets/ticket-status';
import { ticketListResponse } from '../../server/api/tickets/tickets.schemas';
import { type ApiHarness, apiHarness, insertTickets, insertUnits, type SignedIn } from './api.fixture';

interface Seeded {
  id: number;
  receivedAt: number;
  wait: number | null;
  unitCode: string | null;
  status: TicketStatus;
  confidential: boolean;
}

// Folded (no diacritics, lower case), their order is unambiguous in any collation: an, binh, dong.
const UNITS = [
  { code: '1', name: 'Phường Bình Thọ', folded: 'phuong binh tho' },
  { code: '2', name: 'Phường Đông Hưng', folded: 'phuong dong hung' },
  { code: '3', name: 'Phường An Khánh', folded: 'phuong an khanh' },
];
const STATUSES: TicketStatus[] = ['new', 'in_progress', 'resolved', 'closed'];
const WAITS = [null, 0, 5, 5, 12, null, 30, 5];
const TICKETS = 240;
const PAGE = 7;

/** The documented order, computed here apart from the SQL: key, then id, in one direction. */
function expectedOrder(rows: Seeded[], name: TicketSortName): number[] {
  const descending = name.startsWith('-');
  const field = descending ? name.slice(1) : name;
  const keyOf = (row: Seeded): number | string => {
    switch (field) {
      case 'received_at':
        return row.receivedAt;
      case 'wait':
        return row.wait ?? -1;
      case 'status':
        return STATUS_RANK[row.status];
      default:
        return UNITS.find((unit) => unit.code === row.unitCode)?.folded ?? '';
    }
  };
  const sorted = [...rows].sort((a, b) => {
    const [ka, kb] = [keyOf(a), keyOf(b)];
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.id - b.id;
  });
  return (descending ? sorted.reverse() : sorted).map((row) => row.id);
}

async function walk(who: SignedIn, query: string): Promise<{ ids: number[]; pages: number }> {
  const ids: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/api/v1/tickets?limit=${PAGE}&${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await who.agent.get(url).expect(200);
    ticketListResponse.parse(res.body);
    ids.push(...res.body.items.map((item: { id: number }) => item.id));
    cursor = res.body.nextCursor;
    pages += 1;
  } while (cursor !== null);
  return { ids, pages };
}

describe('API tickets: sorting by time, wait, unit and status, with keyset pages', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let official: SignedIn;
  let viewer: SignedIn;
  let seeded: Seeded[];

  before(async () => {
    h = await apiHarness();
    const units = await insertUnits(
      h.knex,
      UNITS.map(({ code, name }) => ({ code, name })),
    );
    // Ties everywhere: 12 instants, 8 waits with NULLs, 4 units with none, 4 statuses.
    const seeds = Array.from({ length: TICKETS }, (_, i) => {
      const unitCode = i % 4 === 3 ? null : (UNITS[i % 4]?.code ?? null);
      return {
        code: `HL-2026-${String(i + 1).padStart(6, '0')}`,
        unitId: unitCode ? (units.get(unitCode) ?? null) : null,
        receivedAt: new Date(Date.UTC(2026, 10, 1) + (i % 12) * 60_000),
        waitSeconds: WAITS[i % WAITS.length] ?? null,
        status: STATUSES[Math.floor(i / 3) % STATUSES.length] ?? 'new',
        confidential: i % 10 === 0,
      };
    });
    const ids = await insertTickets(h.knex, seeds);
    seeded = seeds.map((seed, i) => ({
      id: ids[i] ?? 0,
      receivedAt: seed.receivedAt.getTime(),
      wait: seed.waitSeconds,
      unitCode: seed.unitId ? (UNITS[i % 4]?.code ?? null) : null,
      status: seed.status,
      confidential: seed.confidential,
    }));
    ({ admin, official, viewer } = await h.signInRoles());
  });
  after(async () => h?.test.drop());

  for (const name of TICKET_SORT_NAMES) {
    it(`walks sort=${name} in pages of ${PAGE}: every ticket once, in the documented order`, async () => {
      const { ids, pages } = await walk(admin, `sort=${name}`);
      assert.deepEqual(ids, expectedOrder(seeded, name));
      assert.equal(pages, Math.ceil(TICKETS / PAGE));
    });
  }

  for (const name of ['-wait', 'unit', '-status'] as const) {
    it(`keeps each role's tickets under sort=${name}: a ward official their units', a viewer no confidential one`, async () => {
      const ownUnit = await walk(official, `sort=${name}`);
      assert.deepEqual(
        ownUnit.ids,
        expectedOrder(
          seeded.filter((row) => row.unitCode === '1'),
          name,
        ),
      );
      const open = await walk(viewer, `sort=${name}`);
      assert.deepEqual(
        open.ids,
        expectedOrder(
          seeded.filter((row) => !row.confidential),
          name,
        ),
      );
    });
  }

  it('sorts a filtered list too: unit 2 and 3, closed or new, by wait ascending', async () => {
    const { ids } = await walk(admin, 'sort=wait&unit=2,3&status=closed,new');
    const expected = expectedOrder(
      seeded.filter(
        (row) => (row.unitCode === '2' || row.unitCode === '3') && ['closed', 'new'].includes(row.status),
      ),
      'wait',
    );
    assert.deepEqual(ids, expected);
  });

  it('sorts a filtered list by unit: some units, or none, each way, a search within them', async () => {
    const some = seeded.filter(
      (row) => (row.unitCode === '2' || row.unitCode === '3') && row.status === 'new',
    );
    assert.deepEqual((await walk(admin, 'sort=-unit&unit=2,3&status=new')).ids, expectedOrder(some, '-unit'));
    const none = seeded.filter((row) => row.unitCode === null);
    assert.deepEqual((await walk(admin, 'sort=unit&unassigned=true')).ids, expectedOrder(none, 'unit'));
    assert.deepEqual((await walk(admin, 'sort=-unit&unassigned=true')).ids, expectedOrder(none, '-unit'));
    const search = await walk(admin, 'sort=unit&q=HL-2026-0001');
    assert.deepEqual(
      search.ids,
      expectedOrder(
        seeded.filter((_, i) => i + 1 >= 100 && i + 1 <= 199),
        'unit',
      ),
    );
  });

  it('keeps the older order=asc as sort=received_at, and its cursors', async () => {
    const asc = await walk(admin, 'order=asc');
    assert.deepEqual(asc.ids, expectedOrder(seeded, 'received_at'));
    const first = await admin.agent.get(`/api/v1/tickets?limit=${PAGE}&order=asc`).expect(200);
    const next = await admin.agent
      .get(`/api/v1/tickets?limit=${PAGE}&sort=received_at&cursor=${first.body.nextCursor}`)
      .expect(200);
    assert.equal(next.body.items.length, PAGE);
  });

  const refusals: Array<[string, string, string]> = [
    ['sort=sideways', 'sort', 'invalid-choice'],
    ['sort=wait,unit', 'sort', 'invalid-choice'],
    ['sort=-wait&order=asc', 'sort', 'sort-with-order'],
  ];
  for (const [query, path, code] of refusals) {
    it(`refuses ${query}: 400 ${code} on ${path}`, async () => {
      const res = await admin.agent.get(`/api/v1/tickets?${query}`).expect(400);
      assert.equal(res.body.error.code, 'validation-failed');
      assert.deepEqual(
        res.body.error.details.issues.map((issue: { path: string; code: string }) => [
          issue.path,
          issue.code,
        ]),
        [[path, code]],
      );
    });
  }

  it('refuses a cursor of one sort for another (cursor-other-sort), and one that names no sort', async () => {
    const waits = await admin.agent.get(`/api/v1/tickets?limit=${PAGE}&sort=-wait`).expect(200);
    for (const other of ['wait', '-unit', '-received_at', '']) {
      const res = await admin.agent
        .get(`/api/v1/tickets?limit=${PAGE}${other ? `&sort=${other}` : ''}&cursor=${waits.body.nextCursor}`)
        .expect(400);
      assert.deepEqual(
        res.body.error.details.issues.map((issue: { path: string; code: string }) => [
          issue.path,
          issue.code,
        ]),
        [['cursor', 'cursor-other-sort']],
      );
    }
    const forged: Array<[string, unknown[]]> = [
      ['-received_at', ['2026-11-01T00:00:00.000000Z', 5]],
      ['-wait', ['-wait', 'ten', 5]],
      ['-status', ['-status', 9, 5]],
      ['-unit', ['-unit', 'x', 0]],
      ['received_at', ['received_at', '2026-02-30T00:00:00.000000Z', 5]],
    ];
    for (const [sort, parts] of forged) {
      const cursor = Buffer.from(JSON.stringify(parts)).toString('base64url');
      const res = await admin.agent.get(`/api/v1/tickets?sort=${sort}&cursor=${cursor}`).expect(400);
      assert.equal(res.body.error.details.issues[0].code, 'unknown-cursor', JSON.stringify(parts));
    }
  });
});
