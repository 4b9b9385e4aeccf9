import type { Knex } from 'knex';

/**
 * What a refused request may still write, on purpose: a session's last-seen time slides on any
 * request, refused sign-ins and password guesses are audited and counted against the account.
 */
const WRITTEN_ON_REFUSAL: Record<string, readonly string[] | 'whole table'> = {
  sessions: 'whole table',
  audit_log: 'whole table',
  knex_migrations: 'whole table',
  knex_migrations_lock: 'whole table',
  // A refused sign-in counts against the user name and the address (the back-off), on purpose.
  sign_in_failures: 'whole table',
  users: ['last_login_at'],
};

export type TableChecksums = Map<string, string>;

/** One md5 per table over all its rows (less the columns above), read in one statement. */
export class TableChecksummer {
  private constructor(
    private readonly knex: Knex,
    private readonly sql: string,
    private readonly bindings: string[],
  ) {}

  static async forDatabase(knex: Knex): Promise<TableChecksummer> {
    const rows = (await knex('information_schema.tables')
      .where({ table_schema: knex.raw('current_schema()'), table_type: 'BASE TABLE' })
      .orderBy('table_name')
      .select('table_name')) as Array<{ table_name: string }>;
    const tables = rows
      .map((row) => row.table_name)
      // audit_log's monthly partitions (audit_log_y2026m12, audit_log_default) are audit_log too.
      .filter(
        (name) => WRITTEN_ON_REFUSAL[name.startsWith('audit_log_') ? 'audit_log' : name] !== 'whole table',
      );
    const bindings: string[] = [];
    const parts = tables.map((table) => {
      const skipped = WRITTEN_ON_REFUSAL[table];
      // A PostgreSQL array literal: knex would spread a JavaScript array into several bindings.
      bindings.push(`{${Array.isArray(skipped) ? skipped.join(',') : ''}}`);
      const row = `(to_jsonb(t) - ?::text[])::text`;
      return `select '${table}' as name, md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) as sum from "${table}" t`;
    });
    return new TableChecksummer(knex, parts.join(' union all '), bindings);
  }

  async read(): Promise<TableChecksums> {
    // Each table's column list is bound twice: in the aggregate and in its order by.
    const bindings = this.bindings.flatMap((columns) => [columns, columns]);
    const result = await this.knex.raw(this.sql, bindings);
    const rows = (result.rows ?? result) as Array<{ name: string; sum: string }>;
    return new Map(rows.map((row) => [row.name, row.sum]));
  }
}

export function changedTables(before: TableChecksums, after: TableChecksums): string[] {
  return [...after.keys()].filter((table) => before.get(table) !== after.get(table));
}
