import http from 'node:http';
import { openDatabase } from '../../core/db/database';
import { migrateToLatest } from '../../core/db/migrator';
import { sampleOrganisation } from '../../core/seed/organisation.load';
import { seedOrganisation } from '../../core/seed/organisation.seed';
import { percentile } from './admin.measure';
import type { AdminAppApi } from './admin-app.child';
import { buildForBench } from './bench.build';
import { createServerBenchDatabase } from './bench.database';
import { Child } from './bench.ipc';
import { dropBenchDatabase, runBenchmark } from './bench.main';

/**
 * npm run bench:citizen — serves the real app, compiled, in a process of its own over a fresh
 * PostgreSQL database with the sample organisation, and prints: the bytes each public page of
 * /p/ transfers (headers and body, no compression), the time to first byte of a unit's page
 * (p50/p99 of TTFB_RUNS sequential requests), and the ratings per second the one process stores
 * under CONCURRENCY clients for SUBMIT_SECONDS. Figures are printed, never asserted.
 */
const TTFB_RUNS = Number(process.env.TTFB_RUNS ?? 1000);
const WARMUP = 50;
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const SUBMIT_SECONDS = Number(process.env.SUBMIT_SECONDS ?? 10);
const PAGE_LIMIT_BYTES = 100 * 1024;

const out = (text: string) => process.stdout.write(`${text}\n`);
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

interface Answer {
  status: number;
  bytes: number;
  ttfbMs: number;
}

/** One request; `bytes` is what came over the wire: the status line, headers and body. */
function send(port: number, path: string, form?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        agent,
        method: form === undefined ? 'GET' : 'POST',
        headers: form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' },
      },
      (res) => {
        const ttfbMs = performance.now() - started;
        let bytes = Buffer.byteLength(`HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n\r\n`);
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          bytes += Buffer.byteLength(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`);
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ttfbMs }));
      },
    );
    req.on('error', reject);
    req.end(form);
  });
}

async function pageSizes(port: number, deskId: number): Promise<void> {
  out('| page | status | transferred (bytes) | under 100 KB |');
  out('|:--|--:|--:|:--|');
  const pages = [
    '/p/',
    '/p/u/1',
    '/p/u/1?lang=en',
    '/p/u/1/rate',
    `/p/d/${deskId}`,
    '/p/u/1/feedback',
    '/p/t',
    '/p/site.css',
  ];
  for (const path of pages) {
    const answer = await send(port, path);
    out(
      `| ${path} | ${answer.status} | ${answer.bytes} | ${answer.bytes < PAGE_LIMIT_BYTES ? 'yes' : 'NO'} |`,
    );
  }
  out('a page and its stylesheet are the whole visit: the site loads no script, font or image');
}

async function timeToFirstByte(port: number): Promise<void> {
  for (let i = 0; i < WARMUP; i += 1) await send(port, '/p/u/1');
  const samples: number[] = [];
  for (let i = 0; i < TTFB_RUNS; i += 1) samples.push((await send(port, '/p/u/1')).ttfbMs);
  samples.sort((a, b) => a - b);
  out(
    `\nGET /p/u/1 time to first byte, ${TTFB_RUNS} sequential requests (keep-alive, after ${WARMUP} warm-up): ` +
      `p50 ${percentile(samples, 50).toFixed(2)} ms, p99 ${percentile(samples, 99).toFixed(2)} ms`,
  );
}

async function submissions(port: number, deskId: number): Promise<void> {
  const form = new URLSearchParams({
    rating: '2',
    comment: 'Cán bộ hướng dẫn tận tình',
    phone: '',
  }).toString();
  const statuses = new Map<number, number>();
  const until = performance.now() + SUBMIT_SECONDS * 1000;
  const started = performance.now();
  const client = async () => {
    while (performance.now() < until) {
      const { status } = await send(port, `/p/d/${deskId}`, form);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const seconds = (performance.now() - started) / 1000;
  const stored = statuses.get(201) ?? 0;
  const others = [...statuses].filter(([status]) => status !== 201).map(([s, n]) => `${n}×${s}`);
  out(
    `\nPOST /p/d/${deskId} (a desk rating, one ticket and one event per request): ${stored} stored in ` +
      `${seconds.toFixed(1)} s by ${CONCURRENCY} concurrent clients = ${(stored / seconds).toFixed(0)} submissions/s` +
      (others.length > 0 ? `; other answers: ${others.join(', ')}` : ''),
  );
}

async function main(): Promise<void> {
  out('compiling the project to JavaScript for the app process');
  const build = buildForBench();
  const database = await createServerBenchDatabase('hotline_bench_citizen');
  out(`database: ${database.description}`);
  const db = await openDatabase({ kind: 'postgres', url: database.url, poolMax: 2 });
  // The app logs every rating at info, as in production; its log goes nowhere here.
  const app = new Child<AdminAppApi>('app', build.script('admin-app.child'), {
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  try {
    await migrateToLatest(db.knex);
    await seedOrganisation(db.knex, sampleOrganisation());
    const unit = await db.knex('units').where({ code: '1' }).first('id');
    const [{ id: deskId }] = await db
      .knex('desks')
      .insert({ unit_id: unit.id, name: 'Quầy 1 — Tư pháp' })
      .returning('id');
    const { port } = await app.call('start', {
      databaseUrl: database.url,
      timeZone: 'Asia/Ho_Chi_Minh',
      citizenSubmissionLimit: { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
    });
    out(
      'app: compiled, in its own process, PostgreSQL pool of 10; the per-address limit lifted (all load is 127.0.0.1)\n',
    );
    await pageSizes(port, deskId);
    await timeToFirstByte(port);
    await submissions(port, deskId);
  } finally {
    agent.destroy();
    await app.call('stop').catch(() => undefined);
    await app.end();
    await db.close();
    await dropBenchDatabase(database);
    build.remove();
  }
}

runBenchmark('citizen', main);
