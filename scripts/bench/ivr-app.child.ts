import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../../core/config';
import { type Database, openDatabase } from '../../core/db/database';
import { migrateToLatest } from '../../core/db/migrator';
import { createLogger } from '../../core/logger';
import { seedOrganisation } from '../../core/seed/organisation.seed';
import type { IvrService } from '../../ivr/ivr.service';
import { startTelephony, type Telephony } from '../../server/telephony';
import { serve } from './bench.ipc';
import { benchOrganisation } from './bench.organisation';

// The IVR under test, composed by production's own startTelephony (roster in memory refreshed from
// the database, tickets through the recorder and its outbox, production IVR settings), alone in
// this process so its event-loop lag and RSS are its own.
const MB = 1024 * 1024;

interface Running {
  db: Database;
  telephony: Telephony;
  ivr: IvrService;
}

let running: Running | undefined;
// The histogram records the time between its timer's runs, so the resolution is taken off each figure.
const LAG_RESOLUTION_MS = 10;
const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
const lagMs = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - LAG_RESOLUTION_MS);
let cpuAtStart: NodeJS.CpuUsage | undefined;
let measureStartMs = 0;

const app = () => {
  if (!running) throw new Error('the IVR is not started');
  return running;
};

async function waitUntilConnected(ivr: IvrService, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (ivr.health().status !== 'up') {
    if (Date.now() > deadline) throw new Error(`the IVR did not connect to ARI within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface TicketCheck {
  channelId: string;
  code: string;
}

/** Every call's `target.result` timeline entries, in the order written: which phone, how it ended. */
async function targetResults(db: Database): Promise<Record<string, Array<{ dial: string; result: string }>>> {
  const rows = (await db
    .knex('ticket_events')
    .join('tickets', 'tickets.id', 'ticket_events.ticket_id')
    .where('ticket_events.kind', 'target.result')
    .orderBy(['ticket_events.ticket_id', 'ticket_events.seq'])
    .select('tickets.asterisk_channel_id as channelId', 'ticket_events.data as data')) as Array<{
    channelId: string;
    data: { dial?: string; result?: string };
  }>;
  const byChannel: Record<string, Array<{ dial: string; result: string }>> = {};
  for (const row of rows) {
    byChannel[row.channelId] ??= [];
    byChannel[row.channelId]?.push({ dial: String(row.data.dial), result: String(row.data.result) });
  }
  return byChannel;
}

const handlers = {
  async start(options: {
    ari: { url: string; username: string; password: string; app: string };
    databaseUrl: string | null;
    /** DATA_DIR of the service: its ticket outbox lives there. */
    dataDir: string;
    recordCalls: boolean;
  }) {
    const db = await openDatabase(
      options.databaseUrl
        ? { kind: 'postgres', url: options.databaseUrl }
        : { kind: 'pglite', directory: 'memory://' },
    );
    await migrateToLatest(db.knex);
    await seedOrganisation(db.knex, benchOrganisation());
    const logger = createLogger({ level: 'info', format: 'json' });
    const config = loadConfig({
      DATA_DIR: options.dataDir,
      ...(options.databaseUrl && { DATABASE_URL: options.databaseUrl }),
      ARI_URL: options.ari.url,
      ARI_USERNAME: options.ari.username,
      ARI_PASSWORD: options.ari.password,
      ARI_APP: options.ari.app,
      RECORD_CALLS: String(options.recordCalls),
    });
    const settings = config.ivr;
    const telephony = await startTelephony(config, db, logger);
    const ivr = telephony.ivr;
    if (!ivr) throw new Error('startTelephony composed no IVR although ARI_URL is set');
    await waitUntilConnected(ivr, 30_000);
    running = { db, telephony, ivr };
    return { database: db.kind, settings, rssIdleMb: process.memoryUsage().rss / MB };
  },
  measureStart() {
    lag.reset();
    lag.enable();
    cpuAtStart = process.cpuUsage();
    measureStartMs = performance.now();
  },
  measureStop() {
    lag.disable();
    const cpu = process.cpuUsage(cpuAtStart);
    const elapsedMs = performance.now() - measureStartMs;
    return {
      loopLagP50Ms: lagMs(lag.percentile(50)),
      loopLagP99Ms: lagMs(lag.percentile(99)),
      loopLagMaxMs: lagMs(lag.max),
      // resourceUsage().maxRSS is the kernel's high-water mark for the process, in kilobytes.
      peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
      cpuPercent: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
      activeCalls: app().ivr.activeCalls,
    };
  },
  activeCalls() {
    return app().ivr.activeCalls;
  },
  /** Every call's ticket, once the recorder has written everything: present, answered, for the right unit. */
  async verify(calls: TicketCheck[]) {
    const { db, telephony } = app();
    const recorder = telephony.tickets;
    await recorder.drain();
    await recorder.replayOutbox();
    const rows: Array<Record<string, unknown>> = [];
    for (let index = 0; index < calls.length; index += 500) {
      const ids = calls.slice(index, index + 500).map((call) => call.channelId);
      rows.push(
        ...(await db
          .knex('tickets')
          .whereIn('asterisk_channel_id', ids)
          .select(
            'asterisk_channel_id',
            'outcome',
            'dialed_code',
            'answered_by_name',
            'ended_by',
            'recording_name',
          )),
      );
    }
    const byChannel = new Map(rows.map((row) => [row.asterisk_channel_id as string, row]));
    const problems: Array<{ channelId: string; problem: string }> = [];
    for (const call of calls) {
      const row = byChannel.get(call.channelId);
      const problem = !row
        ? 'no ticket'
        : row.outcome !== 'answered'
          ? `outcome ${String(row.outcome)}`
          : row.dialed_code !== call.code
            ? `dialed_code ${String(row.dialed_code)}`
            : row.answered_by_name === null
              ? 'no answered_by_name'
              : row.ended_by !== 'official'
                ? `ended_by ${String(row.ended_by)}`
                : undefined;
      if (problem) problems.push({ channelId: call.channelId, problem });
    }
    const [events] = (await db.knex('ticket_events').count({ count: '*' })) as Array<{
      count: string | number;
    }>;
    const [withoutOutcome] = (await db.knex('tickets').whereNull('outcome').count({ count: '*' })) as Array<{
      count: string | number;
    }>;
    return {
      problems,
      targetResults: await targetResults(db),
      ticketsWithoutOutcome: Number(withoutOutcome?.count ?? 0),
      tickets: rows.length,
      withRecording: rows.filter((row) => row.recording_name !== null).length,
      ticketEvents: Number(events?.count ?? 0),
      outboxBacklog: recorder.outboxBacklog,
    };
  },
  async stop() {
    if (!running) return;
    const { db, telephony } = running;
    running = undefined;
    await telephony.stop();
    await db.close();
  },
};

export type IvrAppApi = typeof handlers;

serve(handlers);
