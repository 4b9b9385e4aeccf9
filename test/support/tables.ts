import type { Knex } from 'knex';

/** Tables the organisation seed writes, with the column that orders their rows stably. */
export const ORGANISATION_TABLES = {
  units: 'id',
  contacts: 'id',
  duty_shifts: 'id',
  settings: 'key',
} as const;

export type TableSnapshot = Record<string, Record<string, unknown>[]>;

/** Every row and column of the given tables, so a test can assert that nothing at all changed. */
export async function snapshotTables(
  knex: Knex,
  tables: Readonly<Record<string, string>> = ORGANISATION_TABLES,
): Promise<TableSnapshot> {
  const snapshot: TableSnapshot = {};
  for (const [table, orderBy] of Object.entries(tables)) {
    snapshot[table] = await knex(table).select('*').orderBy(orderBy);
  }
  return snapshot;
}

export async function countRows(
  knex: Knex,
  table: string,
  where: Record<string, unknown> = {},
): Promise<number> {
  const row = await knex(table).where(where).count<{ count: number }>({ count: '*' }).first();
  return row?.count ?? 0;
}
