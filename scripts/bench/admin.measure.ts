import http from 'node:http';
import type { Knex } from 'knex';
import type pg from 'pg';

export interface Latency {
  p50: number;
  p95: number;
}

/** Nearest-rank percentile of ascending samples. */
export function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/**
 * `warmup` untimed rounds, then `runs` timed rounds. Each round runs every contender once, one
 * after another (never overlapping), in an order that turns each round, so the API and its raw
 * SQL are timed at the same moments of the database (autovacuum, checkpoints, WAL) and of the
 * machine, and neither always runs on the cache the other just warmed.
 */
export async function measureInTurn<K extends string>(
  contenders: Record<K, () => Promise<unknown>>,
  warmup: number,
  runs: number,
): Promise<Record<K, Latency>> {
  const names = Object.keys(contenders) as K[];
  const samples = new Map<K, number[]>(names.map((name) => [name, []]));
  for (let round = 0; round < warmup + runs; round += 1) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const started = performance.now();
      await contenders[name]();
      if (round >= warmup) samples.get(name)?.push(performance.now() - started);
    }
  }
  return Object.fromEntries(names.map((name) => [name, latencyOf(samples.get(name) ?? [])])) as Record<
    K,
    Latency
  >;
}

function latencyOf(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

/** A statement over tickets, as knex quotes it or as a repository writes it out. */
const TICKET_SQL = /\b(from|join) "?tickets"?(\s|$)/;

/** How many statements a request sent: the usual count and the most any request sent. */
export interface StatementCount {
  p50: number;
  max: number;
}

/**
 * Where a request's time went: how long its ticket queries and its other queries (session,
 * unit codes, audit rows) took from knex's query to query-response events, summed per request,
 * and how many statements it sent (a count repeats on a loaded machine where times do not).
 */
export class QueryClock {
  private readonly started = new Map<string, number>();
  private tickets = 0;
  private other = 0;
  private statements = 0;
  private readonly ticketSamples: number[] = [];
  private readonly otherSamples: number[] = [];
  private readonly statementSamples: number[] = [];

  private readonly onQuery = (query: { __knexQueryUid: string }) => {
    this.statements += 1;
    this.started.set(query.__knexQueryUid, performance.now());
  };

  private readonly onResponse = (_response: unknown, query: { __knexQueryUid: string; sql: string }) => {
    const began = this.started.get(query.__knexQueryUid);
    if (began === undefined) return;
    this.started.delete(query.__knexQueryUid);
    if (TICKET_SQL.test(query.sql)) this.tickets += performance.now() - began;
    else this.other += performance.now() - began;
  };

  constructor(private readonly knex: Knex) {
    knex.on('query', this.onQuery);
    knex.on('query-response', this.onResponse);
  }

  lap(): void {
    this.ticketSamples.push(this.tickets);
    this.otherSamples.push(this.other);
    this.statementSamples.push(this.statements);
    this.tickets = 0;
    this.other = 0;
    this.statements = 0;
  }

  stop(): { tickets: Latency; other: Latency; statements: StatementCount } {
    this.knex.off('query', this.onQuery);
    this.knex.off('query-response', this.onResponse);
    const counts = [...this.statementSamples].sort((a, b) => a - b);
    return {
      tickets: latencyOf(this.ticketSamples),
      other: latencyOf(this.otherSamples),
      statements: { p50: percentile(counts, 50), max: counts.at(-1) ?? Number.NaN },
    };
  }
}

const REQUEST_TIMEOUT_MS = 30_000;

/** A JSON client over one keep-alive connection, carrying the session cookie once signed in. */
export class BenchClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private cookie = '';

  constructor(private readonly origin: string) {}

  async signIn(username: string, password: string): Promise<void> {
    const res = await this.send('POST', '/api/v1/auth/login', JSON.stringify({ username, password }));
    const setCookie = res.headers['set-cookie']?.[0];
    if (res.status !== 200 || !setCookie)
      throw new Error(`sign-in of ${username} failed: ${res.status} ${res.body}`);
    this.cookie = setCookie.split(';')[0] ?? '';
  }

  /** GET, failing on anything but 200: a benchmark of error pages would measure nothing. */
  async get(path: string): Promise<unknown> {
    return JSON.parse(await this.read(path));
  }

  /**
   * GET to the last byte of a 200 answer, unparsed: the timed runs measure the service's answer,
   * not the client's JSON.parse of it.
   */
  async read(path: string): Promise<string> {
    const res = await this.send('GET', path);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${res.body.slice(0, 300)}`);
    return res.body;
  }

  close(): void {
    this.agent.destroy();
  }

  private send(
    method: string,
    path: string,
    body?: string,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { cookie: this.cookie };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const req = http.request(`${this.origin}${path}`, { method, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      req.setTimeout(REQUEST_TIMEOUT_MS, () =>
        req.destroy(new Error(`${method} ${path}: no answer in ${REQUEST_TIMEOUT_MS} ms`)),
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}

export interface CapturedQuery {
  sql: string;
  bindings: unknown[];
}

/**
 * The ticket queries the requests made while it listened, as knex hands them to pg ($n
 * placeholders, prepared bindings): the raw side then runs exactly the text the repository sent.
 */
export class TicketQueryCapture {
  private readonly captured: CapturedQuery[] = [];

  private readonly onQuery = (query: { sql: string; bindings?: unknown[] }) => {
    if (TICKET_SQL.test(query.sql)) this.captured.push({ sql: query.sql, bindings: query.bindings ?? [] });
  };

  constructor(private readonly knex: Knex) {
    knex.on('query', this.onQuery);
  }

  stop(): CapturedQuery[] {
    this.knex.off('query', this.onQuery);
    if (this.captured.length === 0) throw new Error('the request ran no query over tickets');
    return this.captured;
  }
}

/** Runs the captured queries together, as the service does (Promise.all over the pool). */
export async function runRaw(pool: pg.Pool, queries: readonly CapturedQuery[]): Promise<void> {
  await Promise.all(queries.map((query) => pool.query(query.sql, query.bindings)));
}
