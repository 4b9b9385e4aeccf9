import type { Knex } from 'knex';
import type { AuditMonth } from './audit-months';

const DEFAULT_PARTITION = 'audit_log_default';

/** The audit table's partitions: list, create (taking over rows the default partition held), drop. */
export class AuditPartitionsRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Runs `work` in one transaction under a PostgreSQL advisory lock, so of several instances only
   * one changes partitions at a time; 'locked' when another instance holds it.
   */
  async underLock<T>(work: (repo: AuditPartitionsRepository) => Promise<T>): Promise<T | 'locked'> {
    return this.knex.transaction(async (trx) => {
      const lock = await trx.raw(
        "select pg_try_advisory_xact_lock(hashtext('hotline-audit-retention')) as locked",
      );
      if (!lock.rows[0]?.locked) return 'locked' as const;
      return work(new AuditPartitionsRepository(trx));
    });
  }

  /** Names of audit_log's partitions, the default one included. */
  async partitionNames(): Promise<string[]> {
    const result = await this.knex.raw(
      `select child.relname as name from pg_inherits
       join pg_class parent on parent.oid = pg_inherits.inhparent
       join pg_class child on child.oid = pg_inherits.inhrelid
       where parent.relname = 'audit_log' and parent.relnamespace = current_schema()::regnamespace`,
    );
    return (result.rows as Array<{ name: string }>).map((row) => row.name).sort();
  }

  /**
   * The month's partition. Rows of that month the default partition took meanwhile move into it
   * first: PostgreSQL refuses to attach a range the default partition still has rows of.
   */
  async createMonth(month: AuditMonth): Promise<void> {
    await this.knex.raw('create table ?? (like audit_log including defaults including constraints)', [
      month.name,
    ]);
    await this.knex.raw(
      'with moved as (delete from ?? where at >= ? and at < ? returning *) insert into ?? select * from moved',
      [DEFAULT_PARTITION, month.from, month.to, month.name],
    );
    // DDL takes no bind parameters; toISOString's output is safe as a literal.
    await this.knex.raw(
      `alter table audit_log attach partition ?? for values from ('${month.from.toISOString()}') to ('${month.to.toISOString()}')`,
      [month.name],
    );
  }

  /** Drops a month's partition with its rows; returns how many rows it held. */
  async dropMonth(month: AuditMonth): Promise<number> {
    const count = await this.knex(month.name).count({ n: '*' }).first();
    await this.knex.raw('alter table audit_log detach partition ??', [month.name]);
    await this.knex.raw('drop table ??', [month.name]);
    return Number(count?.n ?? 0);
  }

  /** Deletes the default partition's rows from before the cutoff (rows written while no month partition existed). */
  async deleteDefaultBefore(cutoff: Date): Promise<number> {
    const result = await this.knex.raw(
      'with removed as (delete from ?? where at < ? returning 1) select count(*)::integer as n from removed',
      [DEFAULT_PARTITION, cutoff],
    );
    return result.rows[0].n;
  }
}
