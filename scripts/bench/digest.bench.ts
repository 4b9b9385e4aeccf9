import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { redactUrl } from '../../core/config';
import { openDatabase } from '../../core/db/database';
import { migrateToLatest } from '../../core/db/migrator';
import { callLogRows } from '../../core/digest/call-log.repo';
import { renderDigestHtml } from '../../core/digest/digest.html';
import { periodBefore } from '../../core/digest/digest.period';
import { DigestRepository } from '../../core/digest/digest.repo';
import * as SQL from '../../core/digest/digest.sql';
import { renderDigestText } from '../../core/digest/digest.text';
import type { DigestPeriod } from '../../core/digest/digest.types';
import { writeCallLogXlsx } from '../../core/reports/call-log.export';

/**
 * npm run bench:digest — seeds TICKETS (default 1,000,000) phone tickets over two years and 31
 * units into a fresh PostgreSQL database (BENCH_DATABASE_SERVER_URL, else 127.0.0.1:5432), times
 * the weekly digest and the monthly report (figures + HTML + text), each raw aggregate query
 * alone, and the XLSX attachment; then drops the database.
 */
const TICKETS = Number(process.env.TICKETS ?? 1_000_000);
const UNITS = 31;
const RUNS = 5;
const TZ = 'Asia/Ho_Chi_Minh';
const NOW = new Date('2026-11-24T03:00:00Z');

const SEED_SQL = `
insert into tickets (code, channel, caller_number, unit_id, received_at, answered_at, outcome, wait_seconds,
  talk_seconds, rating, needs_callback, category, summary, status, due_at)
select 'HL-B-' || g, 'phone', '+8491' || lpad((g % 10000000)::text, 7, '0'),
  (select min(id) from units) + (g::bigint * 7919) % ${UNITS},
  at, case when r1 < 0.78 then at + make_interval(secs => 3 + r2 * 40) end,
  case when r1 < 0.78 then 'answered' when r1 < 0.86 then 'missed' when r1 < 0.92 then 'voicemail'
       when r1 < 0.97 then 'abandoned' when r1 < 0.99 then 'invalid_input' else 'failed' end,
  (3 + r2 * 40)::int, case when r1 < 0.78 then (30 + r3 * 600)::int end,
  case when r1 < 0.78 and r3 < 0.6 then 1 + (r3 * 5)::int % 3 end,
  r1 >= 0.78 and r1 < 0.92,
  (array['Đất đai','Bảo hiểm xã hội','Hộ tịch','Đăng ký kinh doanh','Xây dựng','Môi trường','Khác'])[1 + (g % 7)],
  'Phản ánh số ' || g,
  case when at > :now::timestamptz - interval '14 days' and r3 < 0.5 then 'new'
       when at > :now::timestamptz - interval '30 days' and r3 < 0.05 then 'in_progress'
       else 'closed' end,
  case when r1 >= 0.78 and r1 < 0.92 then at + interval '1 day' end
from (
  select g, random() as r1, random() as r2, random() as r3,
    :now::timestamptz - interval '730 days' + (g::float8 / :count) * interval '730 days' as at
  from generate_series(1, :count) as g
) s`;

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;

async function main(): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `hotline_bench_digest_${randomBytes(5).toString('hex')}`;
  await admin(serverUrl, `create database ${name}`).catch((error: Error) => {
    throw new Error(
      `the digest benchmark needs a PostgreSQL server at ${redactUrl(serverUrl)}: ${error.message}`,
    );
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString(), poolMax: 8 });
  try {
    await migrateToLatest(db.knex);
    const k = db.knex;
    await k.raw(
      `insert into units (code, name, kind) select g::text, 'UBND phường số ' || g, 'ward' from generate_series(1, ${UNITS}) g`,
    );
    let started = performance.now();
    await k.raw(SEED_SQL, { now: NOW, count: TICKETS });
    await k.raw('analyze tickets');
    const seedMs = performance.now() - started;
    process.stdout.write(
      `seeded ${TICKETS.toLocaleString('en')} tickets over 730 days, ${UNITS} units in ${(seedMs / 1000).toFixed(1)} s (${redactUrl(url.toString())})\n\n`,
    );

    const repo = new DigestRepository(k);
    for (const kind of ['weekly', 'monthly'] as const) {
      const period: DigestPeriod = periodBefore(kind, NOW, TZ);
      const bindings = {
        start: period.range.start,
        end: period.range.end,
        prevStart: period.previous.range.start,
        asOf: NOW,
        tz: TZ,
        limit: 20,
      };
      const [count] = (
        await k.raw('select count(*)::int as n from tickets where received_at >= ? and received_at < ?', [
          period.range.start,
          period.range.end,
        ])
      ).rows;
      process.stdout.write(
        `${kind} ${period.label}: ${count.n.toLocaleString('en')} tickets in the period\n`,
      );
      const build = await median(async () => {
        const report = await repo.build(period, { asOf: NOW, timeZone: TZ });
        renderDigestHtml(report);
        renderDigestText(report);
      });
      process.stdout.write(`  digest (all figures + HTML + text)  ${ms(build)}   target <= 1000 ms\n`);
      for (const [label, sql] of Object.entries({
        TOTALS: SQL.TOTALS_SQL,
        UNITS: SQL.UNITS_SQL,
        DAYS: SQL.DAYS_SQL,
        CATEGORIES: SQL.CATEGORIES_SQL,
        CALLBACKS: SQL.CALLBACKS_SQL,
        OVERDUE: SQL.OVERDUE_SQL,
      })) {
        const raw = await median(() => k.raw(sql, bindings));
        process.stdout.write(`  raw ${label.padEnd(31)} ${ms(raw)}\n`);
      }
      started = performance.now();
      const out = new PassThrough();
      let bytes = 0;
      out.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      await writeCallLogXlsx(callLogRows(k, period.range), out, { sheetName: period.label, timeZone: TZ });
      process.stdout.write(
        `  XLSX attachment (call log)          ${ms(performance.now() - started)}   ${(bytes / 1e6).toFixed(1)} MB\n\n`,
      );
    }
  } finally {
    await db.close();
    await admin(serverUrl, `drop database if exists ${name} with (force)`);
    process.stdout.write(`dropped ${name}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`digest benchmark failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
