// Past 300 lines on purpose: the one harness of the IVR tests (the emulator, the database, the IVR
// wired as server/telephony.ts wires it) and the readers of what a caller heard that they all share.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { type IvrSettings, loadConfig } from '../../core/config';
import { type Database, openDatabase } from '../../core/db/database';
import { createLogger, createSilentLogger } from '../../core/logger';
import type { RosterStore } from '../../core/roster/roster.store';
import { parseOrganisation } from '../../core/seed/organisation.load';
import { seedOrganisation } from '../../core/seed/organisation.seed';
import type { CallMetrics } from '../../core/tickets/call-metrics';
import type { TicketRecorder } from '../../core/tickets/ticket-recorder';
import type { ReachabilityView } from '../../ivr/calls/reachability.port';
import type { IvrService } from '../../ivr/ivr.service';
import { startTelephony, type Telephony } from '../../server/telephony';
import { type AsteriskEmulator, type CallHandle, useAsteriskEmulator } from '../support/asterisk';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { REPO_ROOT } from '../support/processes';
import { TcpProxy } from '../support/tcp-proxy';

/** A small district: an operator, wards 1, 12 (so '1' is a prefix) and 2, each with a fallback. */
export const TEST_ORGANISATION = {
  units: [
    {
      code: '0',
      kind: 'district',
      name: 'Phòng Nội vụ',
      contacts: [{ name: 'Trực ban', dial: 'PJSIP/operator' }],
    },
    {
      code: '1',
      kind: 'ward',
      name: 'UBND phường Phúc Diễn',
      fallback: '0',
      contacts: [
        { name: 'Chủ tịch phường Phúc Diễn', dial: 'PJSIP/ward1' },
        { name: 'Phó Chủ tịch phường Phúc Diễn', dial: '0912000101' },
      ],
    },
    {
      code: '12',
      kind: 'ward',
      name: 'UBND phường Xuân Đỉnh',
      fallback: '0',
      contacts: [{ name: 'Chủ tịch phường Xuân Đỉnh', dial: 'PJSIP/ward12' }],
    },
    {
      code: '2',
      kind: 'ward',
      name: 'UBND phường Cổ Nhuế 2',
      fallback: '0',
      contacts: [{ name: 'Chủ tịch phường Cổ Nhuế 2', dial: '0912000201', confirm_answer: true }],
    },
  ],
};

/** Endpoint names the trunk template gives the phone-number contacts above. */
export const TRUNK = { ward1Deputy: 'PJSIP/0912000101@trunk', ward2: 'PJSIP/0912000201@trunk' };

export const TEST_SETTINGS: IvrSettings = {
  trunkTemplate: 'PJSIP/{national}@trunk',
  ringTimeoutMs: 2000,
  firstDigitTimeoutMs: 400,
  interDigitTimeoutMs: 250,
  menuAttempts: 3,
  confirmTimeoutMs: 600,
  officialCallerId: 'hotline',
  voicemailMaxMs: 120_000,
  surveyTimeoutMs: 400,
  recordCalls: true,
};

export interface TicketRow {
  id: number;
  code: string;
  outcome: string | null;
  abandoned_stage: string | null;
  unit_id: number | null;
  dialed_code: string | null;
  answered_by_name: string | null;
  ended_by: string | null;
  rating: number | null;
  needs_callback: boolean;
  voicemail_name: string | null;
  recording_name: string | null;
  caller_number: string | null;
  talk_seconds: number | null;
  wait_seconds: number | null;
  tracking_secret_hash: string | null;
}

export interface IvrHarnessOptions {
  /**
   * The recorder reaches PostgreSQL through a TcpProxy the test can cut and restore (the harness's own
   * reads stay direct). Needs a real PostgreSQL server: PGlite has no socket to cut.
   */
  databaseProxy?: boolean;
  /** How long the emulator plays each prompt (default 40 ms): long prompts give keys time to barge in. */
  promptMs?: Partial<Record<string, number>>;
  /**
   * Prompts play their WAV's real length (ivr/sounds/vi) times this factor instead of `promptMs`;
   * 0.1 keeps them in step with the emulator's Asterisk seconds, which run at 1/10 here.
   */
  realPromptsTimeScale?: number;

  /** Another organisation file's content instead of TEST_ORGANISATION. */
  organisation?: unknown;
  /** What the IVR knows of phone reachability (an AMI monitor), read when the IVR is built. */
  reachability?: () => ReachabilityView;
  /** Told about every finished call, as main wires the /metrics counters. */
  callMetrics?: () => CallMetrics;
  /** Receives every line the service logs (JSON), from warn up, for a test to read back. */
  logLines?: string[];
  /** The emulator's HTTP session limit (Asterisk's default is 100). */
  httpSessionLimit?: number;
  /** The IVR's ARI requests in flight at once (production: 50). */
  requestsInFlight?: number;
  /** How often the IVR sweeps the app of what no call owns (production: 30 s, so tests see leaks). */
  straySweepMs?: number;
}

export interface IvrHarness {
  asterisk(): AsteriskEmulator;
  db(): TestDatabase;
  /** The proxy in front of the recorder's database (only with `databaseProxy`). */
  databaseProxy(): TcpProxy;
  ivr(): IvrService;
  /** The IVR's in-memory roster; `refresh()` it after changing duty data in the database. */
  roster(): RosterStore;
  recorder(): TicketRecorder;
  outboxDir(): string;
  /** Waits until the call's ticket carries an outcome, and returns it. */
  finalTicket(channelId: string, timeoutMs?: number): Promise<TicketRow>;
  timeline(channelId: string): Promise<Array<{ kind: string; data: Record<string, unknown> }>>;
}

/**
 * The IVR composed by production's own startTelephony (ARI over the wire, roster from the
 * database, tickets through the recorder and its outbox) against the Asterisk emulator and a fresh
 * database. Asterisk's seconds run at 1/10 speed so dial timeouts stay short.
 */
export function useIvr(settings: Partial<IvrSettings> = {}, options: IvrHarnessOptions = {}): IvrHarness {
  let testDb: TestDatabase | undefined;
  let proxy: TcpProxy | undefined;
  let recorderDb: Database | undefined;
  let telephony: Telephony | undefined;
  let dir: string | undefined;
  const asterisk = useAsteriskEmulator({
    username: 'hotline',
    password: 'secret',
    msPerSecond: 100,
    ...(options.httpSessionLimit !== undefined && { httpSessionLimit: options.httpSessionLimit }),
    ...(options.realPromptsTimeScale === undefined
      ? { playbackMs: (uri: string) => options.promptMs?.[uri.replace(/^sound:hotline\/vi\//, '')] ?? 40 }
      : {
          sounds: { dir: path.join(REPO_ROOT, 'ivr', 'sounds', 'vi'), prefix: 'hotline/vi/' },
          timeScale: options.realPromptsTimeScale,
        }),
  });

  before(async () => {
    const database = await createTestDatabase();
    testDb = database;
    await seedOrganisation(
      database.db.knex,
      parseOrganisation('test organisation', options.organisation ?? TEST_ORGANISATION),
    );
    // TEST_LOG=debug shows the call flow's own log while a scenario runs.
    const logger = options.logLines
      ? createLogger({ level: 'warn', format: 'json', stream: lineCollector(options.logLines) })
      : process.env.TEST_LOG
        ? createLogger({ level: process.env.TEST_LOG, format: 'pretty' })
        : createSilentLogger();
    dir = mkdtempSync(path.join(tmpdir(), 'hotline-ivr-'));
    if (options.databaseProxy) {
      const url = testDb.url;
      if (!url)
        throw new Error('databaseProxy needs a PostgreSQL server (TEST_DATABASE_URL); PGlite has no socket');
      const server = new URL(url);
      proxy = await TcpProxy.start({ host: server.hostname, port: Number(server.port || 5432) });
      recorderDb = await openDatabase({ kind: 'postgres', url: proxy.proxiedUrl(url), poolMax: 2 });
    }
    const config = loadConfig({
      DATA_DIR: dir,
      ...(testDb.url && { DATABASE_URL: testDb.url }),
      ARI_URL: asterisk().url,
      ARI_USERNAME: 'hotline',
      ARI_PASSWORD: 'secret',
      ARI_APP: 'hotline',
    });
    telephony = await startTelephony(
      { ...config, ivr: { ...TEST_SETTINGS, ...settings } },
      recorderDb ?? testDb.db,
      logger,
      {
        ticketWriteTimeoutMs: 1000,
        ariReconnect: {
          initialBackoffMs: 50,
          maxBackoffMs: 200,
          connectTimeoutMs: 2000,
          commandTimeoutMs: 1500,
          ...(options.requestsInFlight !== undefined && { requestsInFlight: options.requestsInFlight }),
        },
        ...(options.straySweepMs !== undefined && { straySweepMs: options.straySweepMs }),
        ...(options.callMetrics && { metrics: options.callMetrics() }),
        ...(options.reachability && { reachability: options.reachability() }),
      },
    );
    await asterisk().waitForApp('hotline', 5000);
  });

  after(async () => {
    await telephony?.stop();
    await recorderDb?.close();
    await proxy?.close();
    await testDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const running = () => {
    if (!telephony) throw new Error('the IVR harness has not started (use it inside a test)');
    return telephony;
  };
  const knex = () => (testDb as TestDatabase).db.knex;

  return {
    asterisk,
    db: () => testDb as TestDatabase,
    databaseProxy: () => {
      if (!proxy)
        throw new Error('useIvr(settings, { databaseProxy: true }) puts a proxy in front of the database');
      return proxy;
    },
    ivr: () => running().ivr as IvrService,
    roster: () => running().roster,
    recorder: () => running().tickets,
    outboxDir: () => path.join(dir as string, 'ticket-outbox'),
    async finalTicket(channelId, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const row = await knex()('tickets').where({ asterisk_channel_id: channelId }).first();
        if (row?.outcome) return row as TicketRow;
        if (Date.now() > deadline) {
          throw new Error(
            `ticket for ${channelId} has no outcome after ${timeoutMs} ms (row: ${JSON.stringify(row)})`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async timeline(channelId) {
      return knex()('ticket_events as e')
        .join('tickets as t', 't.id', 'e.ticket_id')
        .where('t.asterisk_channel_id', channelId)
        .orderBy('e.seq')
        .select('e.kind', 'e.data');
    },
  };
}

/** The URI the IVR plays a prompt under. */
function lineCollector(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      done();
    },
  });
}

export const sound = (id: string) => `sound:hotline/vi/${id}`;

/**
 * What a channel heard, as prompt ids ('welcome', 'digits/1', 'tone:beep' for other media), each
 * followed by ':stopped' or ':failed' unless it played to the end.
 */
export function heard(call: CallHandle): string[] {
  return call.heard().map(({ media, status }) => {
    const id = media.replace(/^sound:hotline\/vi\//, '');
    return status === 'finished' ? id : `${id}:${status}`;
  });
}

/**
 * Lets a call hear the whole menu and the silence after it: the menu's last prompt has played once
 * `no-input` starts (nothing was pressed). Then hangs up and waits for the ticket.
 */
export async function menuPlayedThrough(call: CallHandle, h: Pick<IvrHarness, 'finalTicket'>): Promise<void> {
  await call.waitForPlayback(sound('no-input'));
  call.hangup();
  await h.finalTicket(call.id);
}

/** The prompts of the first menu a call heard: from `menu` up to what followed it (`no-input`). */
export function heardOfMenu(call: CallHandle): string[] {
  const ids = heard(call);
  const start = ids.indexOf('menu');
  const end = ids.findIndex((id) => id.startsWith('no-input'));
  return ids.slice(start, end < 0 ? undefined : end);
}

/**
 * Waits for a condition outside the emulator (files, the IVR's own state, requests), which the
 * emulator's `until` cannot be woken by: checks every 10 ms until `timeoutMs`.
 */
export async function eventually(predicate: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The first leg the app made to `endpoint`; fails the test when there is none. */
export function legTo(asterisk: AsteriskEmulator, endpoint: string): CallHandle {
  const [leg] = asterisk.legs(endpoint);
  if (!leg) throw new Error(`no leg to ${endpoint} was ever created`);
  return leg;
}

const digitIds = (digits: string) => [...digits].map((digit) => `digits/${digit}`);

/** What a caller hears of a ticket at the end of a call: its number, then its tracking secret. */
export function trackingPrompts(number: string, secret: string): string[] {
  return ['ticket-code', ...digitIds(number), 'tracking-secret', ...digitIds(secret), 'tracking-where'];
}

/**
 * The ticket number and tracking secret a caller heard (the digits read after 'ticket-code' and
 * after 'tracking-secret'); null when they did not hear both, in that order, to the end.
 */
export function heardTracking(ids: readonly string[]): { number: string; secret: string } | null {
  const start = ids.indexOf('ticket-code');
  const told = /^ticket-code((?:,digits\/\d)+),tracking-secret((?:,digits\/\d)+),tracking-where(,|$)/.exec(
    ids.slice(start).join(','),
  );
  if (start < 0 || !told) return null;
  const digitsOf = (list: string | undefined) => (list ?? '').replace(/,digits\//g, '');
  return { number: digitsOf(told[1]), secret: digitsOf(told[2]) };
}

/** Timeline kinds in order, to read a call's story at a glance. */
export const kindsOf = (timeline: Array<{ kind: string }>) => timeline.map((event) => event.kind);

/** Each target the call rang, as `dial → result`. */
export function targetResults(timeline: Array<{ kind: string; data: Record<string, unknown> }>): string[] {
  return timeline
    .filter((event) => event.kind === 'target.result')
    .map((event) => `${event.data.dial} → ${event.data.result}`);
}
