import type { Knex } from 'knex';

/** A statement written out with `?` placeholders (as knex.raw takes them) and its values in order. */
export interface Statement {
  sql: string;
  bindings: unknown[];
}

/** What pg's Client and PGlite share: a parameterised statement answered with its rows. */
interface Connection {
  query(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/** knex.raw's placeholders as the driver's: `?` becomes $1, $2…; an escaped `\?` stays a `?`. */
export function positioned(sql: string): string {
  let count = 0;
  return sql.replace(/\\?\?/g, (match) => (match === '?' ? `$${++count}` : '?'));
}

let sent = 0;

/**
 * The rows of a statement already written out, sent on a connection of knex's pool (or the
 * transaction's own, when `knex` is one) by the driver itself: knex's query runner added about
 * 0.2 ms at p50 to the call-log page's statement (README, the admin benchmark). The statement is
 * still announced with knex's 'query' and 'query-response' events, so whoever watches the query
 * log (the tests counting statements, bench:admin) sees it; a failure carries its SQL, as knex's do.
 */
export async function rowsOf(knex: Knex, statement: Statement): Promise<unknown[]> {
  const client = knex.client;
  const connection: Connection & { __knexUid?: string; __knexTxId?: string } =
    await client.acquireConnection();
  try {
    sent += 1;
    const query = {
      __knexUid: connection.__knexUid,
      __knexTxId: connection.__knexTxId,
      __knexQueryUid: `statement-${sent}`,
      method: 'raw',
      sql: positioned(statement.sql),
      bindings: statement.bindings,
    };
    client.emit('query', query);
    const result = await connection.query(query.sql, query.bindings).catch((error: unknown) => {
      if (error instanceof Error) error.message = `${query.sql} - ${error.message}`;
      client.emit('query-error', error, query);
      throw error;
    });
    client.emit('query-response', result.rows, query);
    return result.rows;
  } finally {
    await client.releaseConnection(connection);
  }
}

/** One `?` per value, comma-separated: the inside of an `in (…)`. */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/** ` and <column> in (…)` for a statement's where: nothing for null (no limit), ` and false` for none. */
export function andIn(column: string, values: readonly unknown[] | null): Statement {
  if (values === null) return { sql: '', bindings: [] };
  if (values.length === 0) return { sql: ' and false', bindings: [] };
  return { sql: ` and ${column} in (${placeholders(values)})`, bindings: [...values] };
}
