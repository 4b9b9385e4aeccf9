import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { createSilentLogger } from '../../core/logger';
import { down, up } from '../../migrations/20261202002000_partition_audit_log';
import { AuditRepository } from '../../server/api/audit/audit.repo';
import { auditCutoff, auditMonthsAhead, expiredAuditMonths } from '../../server/jobs/audit-months';
import { AuditPartitionsRepository } from '../../server/jobs/audit-partitions.repo';
import { AuditRetentionJob } from '../../server/jobs/audit-retention.job';
import { AVAILABLE_DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../support/database';

const NOW = new Date('2027-03-10T08:00:00Z');

/** Each row with the table PostgreSQL keeps it in. */
async function auditRows(knex: Knex) {
  const rows = await knex('audit_log')
    .orderBy('id')
    .select('id', 'at', 'action', 'entity_id', knex.raw('tableoid::regclass::text as stored_in'));
  return rows.map((row) => ({ ...row, id: Number(row.id), at: new Date(row.at).toISOString() }));
}

async function insertAuditAt(knex: Knex, at: string, action: string): Promise<void> {
  await knex('audit_log').insert({ at, action, entity: 'ticket', entity_id: action, user_id: null });
}

describe('audit months: which partitions exist and which expire', () => {
  it('names this month and the two ahead, across a year end', () => {
    assert.deepEqual(
      auditMonthsAhead(new Date('2026-12-31T23:59:59Z'), 2).map((month) => month.name),
      ['audit_log_y2026m12', 'audit_log_y2027m01', 'audit_log_y2027m02'],
    );
  });

  it('keeps whole months: with 3 months, March keeps December to March', () => {
    assert.equal(auditCutoff(NOW, 3).toISOString(), '2026-12-01T00:00:00.000Z');
    assert.deepEqual(
      expiredAuditMonths(
        [
          'audit_log_default',
          'audit_log_y2026m12',
          'audit_log_y2026m10',
          'audit_log_y2026m11',
          'audit_log_old',
        ],
        auditCutoff(NOW, 3),
      ).map((month) => month.name),
      ['audit_log_y2026m10', 'audit_log_y2026m11'],
    );
  });
});

for (const kind of AVAILABLE_DATABASE_KINDS) {
  describe(`audit storage by month on ${kind}`, () => {
    let test: TestDatabase;

    beforeEach(async () => {
      test = await openTestDatabase(kind);
    });
    afterEach(async () => test?.drop());

    it('keeps every audit row, its id and the id sequence when partitioning is applied and undone', async () => {
      const knex = test.db.knex;
      await down(knex);
      await insertAuditAt(knex, '2026-10-05T01:00:00Z', 'old');
      await insertAuditAt(knex, '2026-11-30T23:59:59Z', 'end-of-november');
      await new AuditRepository(knex).record({ userId: null, action: 'now', entity: 'ticket', entityId: 1 });
      const plain = (await auditRows(knex)).map(({ stored_in: _, ...row }) => row);

      await up(knex);
      const partitioned = await auditRows(knex);
      assert.deepEqual(
        partitioned.map(({ stored_in: _, ...row }) => row),
        plain,
      );
      assert.deepEqual(
        partitioned.slice(0, 2).map((row) => row.stored_in),
        ['audit_log_y2026m10', 'audit_log_y2026m11'],
      );
      await new AuditRepository(knex).record({
        userId: null,
        action: 'after',
        entity: 'ticket',
        entityId: 2,
      });
      const afterUp = await auditRows(knex);
      assert.ok((afterUp.at(-1)?.id ?? 0) > (plain.at(-1)?.id ?? 0), 'ids go on from the kept sequence');

      await down(knex);
      const undone = await auditRows(knex);
      assert.deepEqual(
        undone.map(({ stored_in: _, ...row }) => row),
        afterUp.map(({ stored_in: _, ...row }) => row),
      );
      assert.ok(undone.every((row) => row.stored_in === 'audit_log'));
      await new AuditRepository(knex).record({
        userId: null,
        action: 'again',
        entity: 'ticket',
        entityId: 3,
      });
      assert.ok(((await auditRows(knex)).at(-1)?.id ?? 0) > (afterUp.at(-1)?.id ?? 0));
      await up(knex);
    });

    it('creates the coming months, takes over their rows from the default partition, drops expired months whole', async () => {
      const knex = test.db.knex;
      const partitions = new AuditPartitionsRepository(knex);
      // Rows of months without a partition land in the default one, as when the job has not run.
      await insertAuditAt(knex, '2027-04-02T00:00:00Z', 'april');
      await insertAuditAt(knex, '2025-06-01T00:00:00Z', 'long-ago');
      await knex.raw(
        "create table audit_log_y2026m10 partition of audit_log for values from ('2026-10-01T00:00:00Z') to ('2026-11-01T00:00:00Z')",
      );
      await insertAuditAt(knex, '2026-10-15T00:00:00Z', 'october');
      await insertAuditAt(knex, '2026-12-01T00:00:00Z', 'december');
      const job = new AuditRetentionJob({
        knex,
        logger: createSilentLogger(),
        retentionMonths: 3,
        timeZone: 'Asia/Ho_Chi_Minh',
        now: () => NOW,
      });

      const run = await job.run();

      assert.deepEqual(run.created, ['audit_log_y2027m03', 'audit_log_y2027m04', 'audit_log_y2027m05']);
      assert.ok(run.dropped.includes('audit_log_y2026m10'));
      assert.ok(!run.dropped.includes('audit_log_y2026m12'));
      assert.equal(run.rowsRemoved, 2, 'october and the long-ago row of the default partition');
      const names = await partitions.partitionNames();
      assert.ok(!names.includes('audit_log_y2026m10'));
      const kept = await auditRows(knex);
      assert.deepEqual(
        kept.filter((row) => row.action !== 'now').map((row) => [row.action, row.stored_in]),
        [
          ['april', 'audit_log_y2027m04'],
          ['december', 'audit_log_y2026m12'],
        ],
      );
      assert.deepEqual((await job.run()).created, [], 'a second run has nothing to do');
    });
  });
}
