import assert from 'node:assert/strict';
import { createSilentLogger } from '../../core/logger';
import { ROSTER_CHANNEL, RosterChangesListener } from '../../core/roster/roster-changes.listener';
import { openTestDatabase, POSTGRES_SERVER_AVAILABLE, type TestDatabase } from '../support/database';

// LISTEN/NOTIFY carries changes between instances sharing a PostgreSQL server; PGlite has one process.
if (POSTGRES_SERVER_AVAILABLE) {
  describe('roster changes from other instances', () => {
    let test: TestDatabase;
    let listener: RosterChangesListener | undefined;

    before(async () => {
      test = await openTestDatabase('postgres', { migrate: false });
    });
    afterEach(async () => {
      await listener?.stop();
    });
    after(async () => {
      await test.drop();
    });

    it('refreshes once per burst of notifications', async () => {
      let refreshes = 0;
      let refreshed: () => void = () => undefined;
      const firstRefresh = new Promise<void>((resolve) => {
        refreshed = resolve;
      });
      listener = new RosterChangesListener({
        url: test.url as string,
        logger: createSilentLogger(),
        coalesceMs: 100,
        onChange: async () => {
          refreshes += 1;
          refreshed();
        },
      });
      listener.start();
      await waitFor(async () => {
        const { rows } = await test.db.knex.raw(
          'select count(*)::int as n from pg_stat_activity where query ilike ? and datname = current_database()',
          [`listen ${ROSTER_CHANNEL}`],
        );
        return rows[0].n === 1;
      });
      for (const unit of ['unit:1', 'unit:2', 'unit:3']) {
        await test.db.knex.raw('select pg_notify(?, ?)', [ROSTER_CHANNEL, unit]);
      }
      await firstRefresh;
      await new Promise((resolve) => setTimeout(resolve, 250));
      assert.equal(refreshes, 1);
    });
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the listener never started listening');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
