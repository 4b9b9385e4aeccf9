import { PassThrough } from 'node:stream';
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
import { createServerBenchDatabase } from './bench.database';
import { dropBenchDatabase, runBenchmark } from './bench.main';
import { seedBenchTickets } from './bench.tickets';

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
  const database = await createServerBenchDatabase('hotline_bench_digest');
  const db = await openDatabase({ kind: 'postgres', url: database.url, poolMax: 8 });
  try {
    await migrateToLatest(db.knex);
    const k = db.knex;
    const units = await k('units')
      .insert(
        Array.from({ length: UNITS }, (_, index) => ({
          code: String(index + 1),
          name: `UBND phường số ${index + 1}`,
          kind: 'ward',
        })),
      )
      .returning(['id', 'code']);
    let started = performance.now();
    await seedBenchTickets(k, { count: TICKETS, now: NOW, days: 730, units });
    const seedMs = performance.now() - started;
    process.stdout.write(
      `seeded ${TICKETS.toLocaleString('en')} tickets over 730 days, ${UNITS} units in ${(seedMs / 1000).toFixed(1)} s (${database.description})\n\n`,
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
        const report = await repo.build(period, {
          asOf: NOW,
          timeZone: TZ,
          publicUrl: 'http://localhost:3000',
        });
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
    await dropBenchDatabase(database);
  }
}

runBenchmark('digest', main);
