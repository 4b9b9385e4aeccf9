import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { openDatabase } from '../../core/db/database';
import { migrateToLatest } from '../../core/db/migrator';
import { sampleOrganisation } from '../../core/seed/organisation.load';
import { seedOrganisation } from '../../core/seed/organisation.seed';
import { UsersRepository } from '../../core/users/users.repo';
import { buildCases } from './admin.cases';
import {
  BenchClient,
  type CapturedQuery,
  type Latency,
  measureInTurn,
  runRaw,
  type StatementCount,
} from './admin.measure';
import type { AdminAppApi } from './admin-app.child';
import { type BenchBuild, buildForBench } from './bench.build';
import { createServerBenchDatabase } from './bench.database';
import { Child } from './bench.ipc';
import { dropBenchDatabase, runBenchmark } from './bench.main';
import { seedBenchTickets } from './bench.tickets';

/**
 * npm run bench:admin — seeds TICKETS (default 1,000,000) tickets over two years across the sample
 * organisation's 31 units into a fresh PostgreSQL database, serves the real app, compiled, in a
 * process of its own on 127.0.0.1 and times call-log pages and the dashboard over HTTP as an admin,
 * in turn with the same SQL run raw through pg; then drops the database. Figures are printed,
 * never asserted: exit 1 only when the benchmark itself breaks or overruns DEADLINE_MS.
 */
const TICKETS = Number(process.env.TICKETS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 200);
const WARMUP = 20;
const DAYS = 730;
const TZ = 'Asia/Ho_Chi_Minh';
const DEADLINE_MS = 30 * 60_000;
/** Issue 14: what a request may add to its statement, at p95, on the same run. */
const OVERHEAD_TARGET_MS = 1.0;
const ADMIN = { username: 'bench-admin', password: 'một câu mật khẩu dài 2026' };

const out = (text: string) => process.stdout.write(`${text}\n`);
const fmt = (ms: number) => ms.toFixed(1);

interface Row {
  name: string;
  detail: string;
  api: Latency;
  raw: Latency;
  /** Inside the API's requests: time in the ticket queries and in the other queries, per request. */
  inApi: { tickets: Latency; other: Latency; statements: StatementCount };
  targetP95Ms: number;
}

/** EXPLAIN=1: the plan PostgreSQL runs for each captured query, to see why a case is slow. */
async function explain(pool: pg.Pool, name: string, queries: readonly CapturedQuery[]): Promise<void> {
  for (const query of queries) {
    const result = await pool.query(`explain (analyze, buffers) ${query.sql}`, query.bindings);
    out(`\n-- ${name}\n${query.sql}\n${result.rows.map((row) => row['QUERY PLAN']).join('\n')}`);
  }
}

const LEFT_ALIGNED = new Set([0, 9, 10, 11]);

const countOf = (statements: StatementCount) =>
  statements.max > statements.p50 ? `${statements.p50} (max ${statements.max})` : `${statements.p50}`;

/** Within its latency target, and within OVERHEAD_TARGET_MS of its own statement at p95. */
const isPass = (row: Row) =>
  row.api.p95 <= row.targetP95Ms && row.api.p95 - row.raw.p95 <= OVERHEAD_TARGET_MS;

function printTable(rows: Row[], floor: { latency: Latency; statements: StatementCount }): void {
  const header = [
    'case',
    'API p50',
    'API p95',
    'SQL p50',
    'SQL p95',
    'API − SQL p95',
    'in API: ticket SQL p50 (summed)',
    'other SQL p50',
    'statements / request',
    'target p95, API − SQL p95',
    'result',
    'what',
  ];
  const lines = rows.map((row) => {
    const overhead = row.api.p95 - row.raw.p95;
    return [
      row.name,
      fmt(row.api.p50),
      fmt(row.api.p95),
      fmt(row.raw.p50),
      fmt(row.raw.p95),
      `${overhead >= 0 ? '+' : '−'}${fmt(Math.abs(overhead))}`,
      fmt(row.inApi.tickets.p50),
      fmt(row.inApi.other.p50),
      countOf(row.inApi.statements),
      `<= ${row.targetP95Ms} ms, <= +${fmt(OVERHEAD_TARGET_MS)}`,
      isPass(row) ? 'PASS' : 'FAIL',
      row.detail,
    ];
  });
  const widths = header.map((title, i) =>
    Math.max(title.length, ...lines.map((line) => (line[i] ?? '').length)),
  );
  const cell = (text: string, i: number) =>
    LEFT_ALIGNED.has(i) ? text.padEnd(widths[i] ?? 0) : text.padStart(widths[i] ?? 0);
  const render = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  out(render(header));
  out(
    `|${widths.map((w, i) => (LEFT_ALIGNED.has(i) ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  );
  for (const line of lines) out(render(line));
  out('\nms; API: end-to-end HTTP; SQL: the same ticket queries through pg, timed in turn with it.');
  const passed = rows.filter(isPass).length;
  out(
    `target: API p95 <= SQL p95 + ${fmt(OVERHEAD_TARGET_MS)} ms on the same run: ` +
      `${passed === rows.length ? 'PASS' : 'FAIL'} (${passed} of ${rows.length} cases); ` +
      `floor GET /api/v1/auth/me p50 ${fmt(floor.latency.p50)}, p95 ${fmt(floor.latency.p95)} ms, ` +
      `${countOf(floor.statements)} statements per request`,
  );
}

/** CPU_PROF_DIR=DIR writes the app process's profile as DIR/admin-app.cpuprofile. */
function appProfileFlags(): string[] {
  const dir = process.env.CPU_PROF_DIR;
  if (!dir) return [];
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-name=admin-app.cpuprofile'];
}

/** The ticket queries one request makes, recorded inside the app's process. */
async function ticketQueriesOf(
  app: Child<AdminAppApi>,
  request: () => Promise<unknown>,
): Promise<CapturedQuery[]> {
  await app.call('captureStart');
  await request();
  return app.call('captureStop');
}

/** A pass of its own, untimed: knex's query events, timed, would slow the requests they time. */
async function sqlInsideRequests(app: Child<AdminAppApi>, request: () => Promise<unknown>) {
  await app.call('clockStart');
  for (let i = 0; i < RUNS; i += 1) {
    await request();
    await app.call('clockLap');
  }
  return app.call('clockStop');
}

/**
 * What a request costs the API with no SQL at all: /auth/me answers from the session cache. The
 * HTTP round trip, middleware, session, guard and JSON of every case's API figure are in it.
 */
async function measureFloor(app: Child<AdminAppApi>, api: BenchClient) {
  const request = () => api.read('/api/v1/auth/me');
  const { floor } = await measureInTurn({ floor: request }, WARMUP, RUNS);
  const inApi = await sqlInsideRequests(app, request);
  const sql = inApi.tickets.p95 + inApi.other.p95;
  if (sql > 0) out(`note: the floor ran SQL (p95 ${fmt(sql)} ms): the session cache missed`);
  return { latency: floor, statements: inApi.statements };
}

async function bench(url: string, now: Date, build: BenchBuild): Promise<void> {
  const db = await openDatabase({ kind: 'postgres', url, poolMax: 10 });
  const raw = new pg.Pool({ connectionString: url, max: 10 });
  const app = new Child<AdminAppApi>('admin app', build.script('admin-app.child'), {
    nodeFlags: appProfileFlags(),
  });
  let client: BenchClient | undefined;
  try {
    await migrateToLatest(db.knex);
    await seedOrganisation(db.knex, sampleOrganisation());
    const units = await db.knex('units').orderBy('id').select('id', 'code');
    let started = performance.now();
    const { events } = await seedBenchTickets(db.knex, { count: TICKETS, now, days: DAYS, units });
    out(
      `seeded ${TICKETS.toLocaleString('en')} tickets over ${DAYS} days across ${units.length} units and ` +
        `${events.toLocaleString('en')} ticket events, indexes rebuilt, vacuumed and analyzed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await new UsersRepository(db.knex).create({ ...ADMIN, role: 'admin' });
    const { port } = await app.call('start', { databaseUrl: url, timeZone: TZ });
    client = new BenchClient(`http://127.0.0.1:${port}`);
    await client.signIn(ADMIN.username, ADMIN.password);
    const api = client;
    const cases = await buildCases(db.knex, api, now, TZ);
    out(
      `${RUNS} timed rounds per case after ${WARMUP} warm-up, each one API request (admin session, keep-alive, ` +
        `app compiled, in its own process) and one run of its SQL through pg, in turn\n`,
    );
    const rows: Row[] = [];
    for (const c of cases) {
      started = performance.now();
      const request = () => api.read(c.path);
      const queries = await ticketQueriesOf(app, request);
      const timed = await measureInTurn({ api: request, raw: () => runRaw(raw, queries) }, WARMUP, RUNS);
      const inApi = await sqlInsideRequests(app, request);
      rows.push({ ...c, api: timed.api, raw: timed.raw, inApi });
      if (process.env.EXPLAIN === '1') await explain(raw, c.name, queries);
      process.stderr.write(`  ${c.name}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
    printTable(rows, await measureFloor(app, api));
  } finally {
    client?.close();
    await app.call('stop').catch(() => undefined);
    await app.end();
    await raw.end();
    await db.close();
  }
}

async function main(): Promise<void> {
  out('compiling the project to JavaScript for the app process');
  const build = buildForBench();
  const database = await createServerBenchDatabase('hotline_bench_admin');
  out(`database: ${database.description}`);
  let deadline: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      bench(database.url, new Date(), build),
      new Promise<never>((_, reject) => {
        deadline = setTimeout(
          () => reject(new Error(`the benchmark overran its ${DEADLINE_MS / 60_000} minutes`)),
          DEADLINE_MS,
        );
      }),
    ]);
  } finally {
    clearTimeout(deadline);
    await dropBenchDatabase(database);
    build.remove();
  }
}

runBenchmark('admin', main);
