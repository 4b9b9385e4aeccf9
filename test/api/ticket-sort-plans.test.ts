import assert from 'node:assert/strict';
import { listScopeOf } from '../../core/tickets/confidentiality';
import { sortOf, type TicketSortName } from '../../core/tickets/ticket-sort';
import { pageStatement } from '../../server/api/tickets/tickets.page-sql';
import type { TicketQuery } from '../../server/api/tickets/tickets.repo';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * The sorts over the whole call log walk an index in their keyset order (migration
 * 20261204070100): the SQL of tickets.sort-sql.ts must stay the indexes' expressions, or every page
 * sorts every ticket (about a second at 50,000 tickets). Sequential scans are turned off so the
 * planner picks among the indexes whatever the table's size.
 */
describe('call-log sorts: each page walks its index', () => {
  let test: TestDatabase;
  const admin = listScopeOf({ kind: 'user', role: 'admin', unitIds: [], readsComplaints: false });

  before(async () => {
    test = await createTestDatabase();
  });
  after(async () => test?.drop());

  const planOf = async (name: TicketSortName, after?: { value: string | number; id: number }) => {
    const query: TicketQuery = {
      unitIds: null,
      kinds: admin.kinds,
      searchCallers: admin.fullCallers,
      sort: sortOf(name),
    };
    const statement = pageStatement(query, 51, after);
    return test.db.knex.transaction(async (trx) => {
      await trx.raw('set local enable_seqscan = off');
      const result = await trx.raw(`explain ${statement.sql}`, statement.bindings as never[]);
      return (result.rows as Array<{ 'QUERY PLAN': string }>).map((row) => row['QUERY PLAN']).join('\n');
    });
  };

  const cases: Array<[TicketSortName, string, { value: string | number; id: number }?]> = [
    ['-wait', 'tickets_wait_sort_idx'],
    ['wait', 'tickets_wait_sort_idx', { value: 12, id: 40 }],
    ['status', 'tickets_status_sort_idx'],
    ['-status', 'tickets_status_sort_idx', { value: 2, id: 40 }],
    ['unit', 'tickets_unit_id_idx'],
    ['-unit', 'tickets_unit_id_idx', { value: 'phuong an khanh', id: 40 }],
  ];
  for (const [name, index, after] of cases) {
    it(`sort=${name}${after ? ' past a cursor' : ''} reads ${index}`, async () => {
      const plan = await planOf(name, after);
      assert.match(plan, new RegExp(`Index Scan( Backward)? using ${index}`), plan);
      if (name.endsWith('unit')) {
        // One unit at a time, each walked from the cursor by id: only their pages are merged.
        assert.match(plan, /Index Cond: \(\(unit_id = u\.id\) AND \(id [<>]/, plan);
      } else {
        assert.doesNotMatch(plan, /Sort Key/, `no sort of the tickets by the key\n${plan}`);
      }
    });
  }
});
