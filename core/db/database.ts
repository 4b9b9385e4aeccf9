import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { redactUrl } from '../config';
import { ARRAY_ELEMENT_OID, PG_OID, TEXT_PARSERS } from './type-parsers';

export type DatabaseKind = 'postgres' | 'pglite';

export interface Database {
  readonly knex: Knex;
  readonly kind: DatabaseKind;
  /** Where the data lives, without credentials, for logs. */
  readonly location: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * knex prints its own warnings (pool acquire failures...) to the console; they go to this function
 * instead. The failures themselves still reach the caller as rejected queries.
 */
export type KnexLog = (level: 'warn' | 'error' | 'deprecate' | 'debug', message: string) => void;

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolMax?: number; log?: KnexLog }
  /** `directory` is a folder for PGlite's files, or 'memory://' for a throwaway database. */
  | { kind: 'pglite'; directory: string };

function mapElements(value: unknown, parse: (text: string) => unknown): unknown {
  if (Array.isArray(value)) return value.map((element) => mapElements(element, parse));
  return value === null ? null : parse(value as string);
}

function pgTypes(): { getTypeParser: (oid: number, format: string) => unknown } {
  // text[]'s parser splits any array literal into strings and nulls, nested as the literal is.
  const splitArray = pg.types.getTypeParser(PG_OID.TEXT_ARRAY as number, 'text') as (text: string) => unknown;
  return {
    getTypeParser: (oid, format) => {
      if (format !== 'binary') {
        const parser = TEXT_PARSERS[oid];
        if (parser) return parser;
        const element = ARRAY_ELEMENT_OID[oid];
        const parseElement = element === undefined ? undefined : TEXT_PARSERS[element];
        if (parseElement) return (text: string) => mapElements(splitArray(text), parseElement);
      }
      return pg.types.getTypeParser(oid, format as 'text');
    },
  };
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const log = target.log ?? (() => undefined);
    const knex = knexFactory({
      client: 'pg',
      connection: { connectionString: target.url, types: pgTypes() },
      pool: { min: 0, max: target.poolMax ?? 10 },
      log: {
        warn: (message: unknown) => log('warn', String(message)),
        error: (message: unknown) => log('error', String(message)),
        deprecate: (message: unknown) => log('deprecate', String(message)),
        debug: (message: unknown) => log('debug', String(message)),
      },
    });
    return wrap(knex, 'postgres', redactUrl(target.url) ?? '***');
  }
  // Loaded only here: the embedded engine costs ~50 MB of memory a PostgreSQL deployment never needs.
  const [{ PGlite }, { default: ClientPgLite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('knex-pglite'),
  ]);
  const directory = target.directory === 'memory://' ? undefined : path.resolve(target.directory);
  if (directory) mkdirSync(directory, { recursive: true });
  const pglite = new PGlite({ ...(directory ? { dataDir: directory } : {}), parsers: TEXT_PARSERS });
  await pglite.waitReady;
  const knex = knexFactory({
    client: ClientPgLite,
    connection: () => ({ pglite }) as object,
  } as Knex.Config);
  return wrap(knex, 'pglite', directory ?? 'memory://');
}

function wrap(knex: Knex, kind: DatabaseKind, location: string): Database {
  let closed = false;
  return {
    knex,
    kind,
    location,
    async ping() {
      await knex.raw('select 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await knex.destroy();
    },
  };
}
