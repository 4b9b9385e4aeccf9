import { type Database, openDatabase } from '../../core/db/database';
import { createLogger } from '../../core/logger';
import type { RateLimitSettings } from '../../server/api/http/rate-limit';
import { createApp } from '../../server/app';
import { listen } from '../../server/http-server';
import { type CapturedQuery, QueryClock, TicketQueryCapture } from './admin.measure';
import { serve } from './bench.ipc';

// The app under test (the admin API, and the citizen site under /p/ that createApp always serves), built as server/main.ts builds it (createApp over PostgreSQL, the
// service's info-level logger) and alone in this process, as in production: the bench's client,
// its raw SQL and their garbage live in the parent.
interface Running {
  db: Database;
  server: Awaited<ReturnType<typeof listen>>;
}

let running: Running | undefined;
let capture: TicketQueryCapture | undefined;
let clock: QueryClock | undefined;

const app = () => {
  if (!running) throw new Error('the admin app is not started');
  return running;
};

const handlers = {
  async start(options: {
    databaseUrl: string;
    timeZone: string;
    /** The citizen site's per-address limit; bench:citizen lifts it, its load comes from one address. */
    citizenSubmissionLimit?: RateLimitSettings;
  }): Promise<{ port: number }> {
    const db = await openDatabase({ kind: 'postgres', url: options.databaseUrl, poolMax: 10 });
    const logger = createLogger({ level: 'info', format: 'json', stream: process.stderr });
    const express = createApp({
      logger,
      db,
      healthSources: [],
      api: {
        timeZone: options.timeZone,
        onRosterChanged: () => undefined,
      },
      ...(options.citizenSubmissionLimit && { citizen: { submissionLimit: options.citizenSubmissionLimit } }),
    });
    const server = await listen(express, 0, '127.0.0.1');
    running = { db, server };
    return { port: server.port };
  },

  /** Starts recording the ticket queries of the requests that follow. */
  captureStart(): void {
    capture = new TicketQueryCapture(app().db.knex);
  },

  captureStop(): CapturedQuery[] {
    if (!capture) throw new Error('no capture was started');
    const queries = capture.stop();
    capture = undefined;
    return queries;
  },

  clockStart(): void {
    clock = new QueryClock(app().db.knex);
  },

  /** Closes the request just answered: its SQL time is one sample. */
  clockLap(): void {
    clock?.lap();
  },

  clockStop() {
    if (!clock) throw new Error('no clock was started');
    const result = clock.stop();
    clock = undefined;
    return result;
  },

  async stop(): Promise<void> {
    if (!running) return;
    await running.server.close(1000);
    await running.db.close();
    running = undefined;
  },
};

export type AdminAppApi = typeof handlers;

serve(handlers);
