import http from 'node:http';
import sharp from 'sharp';
import { openDatabase } from '../../core/db/database';
import { migrateToLatest } from '../../core/db/migrator';
import { ProceduresRepository } from '../../core/procedures/procedures.repo';
import { sampleOrganisation } from '../../core/seed/organisation.load';
import { seedOrganisation } from '../../core/seed/organisation.seed';
import { sampleProcedures } from '../../core/seed/procedures.load';
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
 * (p50/p99 of TTFB_RUNS sequential requests), and the submissions per second the one process
 * stores for SUBMIT_SECONDS each: desk ratings under CONCURRENCY clients, and feedback with one
 * camera photo (re-encoded by sharp) under PHOTO_CONCURRENCY. Figures are printed, never asserted.
 */
const TTFB_RUNS = Number(process.env.TTFB_RUNS ?? 1000);
const WARMUP = 50;
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
/** Photo uploads are bound by the CPU (sharp): a few clients saturate both cores. */
const PHOTO_CONCURRENCY = Number(process.env.PHOTO_CONCURRENCY ?? 4);
const SUBMIT_SECONDS = Number(process.env.SUBMIT_SECONDS ?? 10);
const PAGE_LIMIT_BYTES = 100 * 1024;

const out = (text: string) => process.stdout.write(`${text}\n`);
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

interface Answer {
  status: number;
  bytes: number;
  ttfbMs: number;
}

/** A request's body and its content type. */
interface Body {
  type: string;
  bytes: Buffer;
}

/** One request; `bytes` is what came over the wire: the status line, headers and body. */
function send(port: number, path: string, body?: Body): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        agent,
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': body.type },
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
    req.end(body?.bytes);
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
    '/p/u/1/complaint',
    '/p/tt',
    '/p/tt/khai-sinh',
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

/** The desk rating form as a phone's browser posts it. */
function ratingForm(): Body {
  const fields = { rating: '2', comment: 'Cán bộ hướng dẫn tận tình', phone: '' };
  return {
    type: 'application/x-www-form-urlencoded',
    bytes: Buffer.from(new URLSearchParams(fields).toString()),
  };
}

/**
 * The feedback form with one photo as a phone sends it: multipart, the text first, then an 8 MP
 * camera JPEG of noise (which compresses as badly as a real scene: about 2-3 MB), EXIF included.
 */
async function feedbackWithPhoto(): Promise<Body> {
  const photo = await sharp({
    create: {
      width: 3264,
      height: 2448,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .withExif({ IFD0: { Make: 'CheapPhone', Model: 'A1' } })
    .jpeg({ quality: 85 })
    .toBuffer();
  const boundary = '----hotline-bench-boundary';
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head =
    field('text', 'Rác thải đổ trộm ở đầu ngõ 45, đã ba ngày chưa thu gom') +
    field('phone', '') +
    `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="IMG_1.jpg"\r\n` +
    'Content-Type: image/jpeg\r\n\r\n';
  return {
    type: `multipart/form-data; boundary=${boundary}`,
    bytes: Buffer.concat([Buffer.from(head), photo, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

/** How many of one form the process stores in SUBMIT_SECONDS under `concurrency` clients. */
async function submissions(port: number, path: string, what: string, body: Body, concurrency: number) {
  const statuses = new Map<number, number>();
  const until = performance.now() + SUBMIT_SECONDS * 1000;
  const started = performance.now();
  const client = async () => {
    while (performance.now() < until) {
      const { status } = await send(port, path, body);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  const stored = statuses.get(201) ?? 0;
  const others = [...statuses].filter(([status]) => status !== 201).map(([s, n]) => `${n}×${s}`);
  out(
    `\nPOST ${path} (${what}): ${stored} stored in ${seconds.toFixed(1)} s by ${concurrency} concurrent ` +
      `clients = ${(stored / seconds).toFixed(1)} submissions/s` +
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
    await new ProceduresRepository(db.knex).addMissing(sampleProcedures());
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
    await submissions(
      port,
      `/p/d/${deskId}`,
      'a desk rating, one ticket and one event',
      ratingForm(),
      CONCURRENCY,
    );
    const photo = await feedbackWithPhoto();
    await submissions(
      port,
      '/p/u/1/feedback',
      `feedback with one ${(photo.bytes.length / 1e6).toFixed(1)} MB camera photo, re-encoded by sharp`,
      photo,
      PHOTO_CONCURRENCY,
    );
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
