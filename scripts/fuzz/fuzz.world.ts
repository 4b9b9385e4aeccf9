import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Database, openDatabase } from '../../core/db/database';
import { migrateToLatest } from '../../core/db/migrator';
import type { Logger } from '../../core/logger';
import { UsersRepository } from '../../core/users/users.repo';
import { AriStoredRecordings } from '../../ivr/ari/ari-stored-recordings';
import type { CallbackPlacer } from '../../server/api/callbacks/callbacks.port';
import type { LiveFeed } from '../../server/api/live/live.routes';
import { createApp } from '../../server/app';
import { createServerBenchDatabase } from '../bench/bench.database';
import type { KnownIds } from './fuzz.generate';

/** Not a real secret: the three seeded accounts of a throw-away database. */
export const FUZZ_PASSWORD = 'fuzz-run correct horse battery';

export const FUZZ_USERS = [
  { username: 'admin', role: 'admin' as const, unitCodes: undefined },
  { username: 'official', role: 'ward_official' as const, unitCodes: ['1'] },
  { username: 'viewer', role: 'viewer' as const, unitCodes: undefined },
];

export interface FuzzWorld {
  baseUrl: string;
  db: Database;
  ids: KnownIds;
  /** Where the database is, for the report. */
  description: string;
  close(): Promise<void>;
}

const quietLive: LiveFeed = {
  snapshot: () => ({ at: new Date().toISOString(), telephony: true, connected: true, calls: [], units: [] }),
  subscribe: () => () => undefined,
};

/** A connected Asterisk that places no call: each callback fails at once, to the ticket's timeline. */
const idleCallbacks: CallbackPlacer = {
  isConnected: true,
  onDuty: () => [],
  hasCallbackFor: () => false,
  startCallback: () => ({ callbackId: 'fuzz-callback', done: Promise.resolve('failed') }),
};

/** Asterisk's stored-recording endpoint, answering a few bytes of audio for any name. */
const recordingsFetch: typeof fetch = async () =>
  new Response(new Uint8Array(44), { status: 200, headers: { 'content-type': 'audio/wav' } });

async function openFreshDatabase(): Promise<{
  db: Database;
  description: string;
  drop: () => Promise<void>;
}> {
  try {
    const server = await createServerBenchDatabase('hotline_fuzz');
    const db = await openDatabase({ kind: 'postgres', url: server.url, poolMax: 5 });
    return {
      db,
      description: server.description,
      drop: async () => {
        await db.close();
        await server.drop();
      },
    };
  } catch (error) {
    const db = await openDatabase({ kind: 'pglite', directory: 'memory://' });
    return {
      db,
      description: `in-memory PGlite (no PostgreSQL server: ${(error as Error).message})`,
      drop: () => db.close(),
    };
  }
}

/** Six units, two contacts each, 60 tickets of which 8 confidential, one override, three users. */
async function seed(db: Database): Promise<KnownIds> {
  const knex = db.knex;
  const unitRows = await knex('units')
    .insert([
      { code: '0', name: 'UBND Quận', kind: 'district' },
      ...[1, 2, 3, 4, 5].map((n) => ({ code: String(n), name: `Phường ${n}`, kind: 'ward' })),
    ])
    .returning('id');
  const units = unitRows.map((row) => row.id as number);
  const contactRows = await knex('contacts')
    .insert(
      units.flatMap((unitId, n) => [
        { unit_id: unitId, name: `Chủ tịch ${n}`, dial: `+8491234${String(5000 + n).padStart(4, '0')}` },
        { unit_id: unitId, name: `Phó chủ tịch ${n}`, dial: `PJSIP/ward${n}` },
      ]),
    )
    .returning('id');
  const contacts = contactRows.map((row) => row.id as number);
  const overrideRows = await knex('duty_overrides')
    .insert({
      unit_id: units[1],
      contact_id: contacts[2],
      starts_at: new Date('2026-12-24T00:00:00Z'),
      ends_at: new Date('2026-12-26T00:00:00Z'),
      reason: 'Nghỉ lễ',
    })
    .returning('id');
  const ticketRows = await knex('tickets')
    .insert(
      Array.from({ length: 60 }, (_, n) => ({
        code: `HL-2026-${String(n + 1).padStart(6, '0')}`,
        unit_id: units[n % units.length],
        received_at: new Date(Date.UTC(2026, 10, 1 + (n % 28), n % 24)),
        caller_number: `+8498765${String(4000 + n).padStart(4, '0')}`,
        outcome: n % 3 === 0 ? 'voicemail' : 'answered',
        status: 'new',
        summary: `Hỏi về thủ tục số ${n}`,
        confidential: n % 7 === 0 && n < 56,
        recording_name: n % 3 === 0 ? null : `rec-${n}`,
        voicemail_name: n % 3 === 0 ? `vm-${n}` : null,
      })),
    )
    .returning('id');
  const users = new UsersRepository(knex);
  for (const user of FUZZ_USERS) await users.create({ ...user, password: FUZZ_PASSWORD });
  return {
    units,
    contacts,
    overrides: overrideRows.map((row) => row.id as number),
    tickets: ticketRows.map((row) => Number(row.id)),
  };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

/**
 * The app as main composes it (createApp with the real API) on a fresh, seeded database, listening on
 * a free port; Asterisk and the live board are stand-ins that always answer, so a 5xx is ours.
 */
export async function openFuzzWorld(logger: Logger): Promise<FuzzWorld> {
  const fresh = await openFreshDatabase();
  await migrateToLatest(fresh.db.knex);
  const ids = await seed(fresh.db);
  const app = createApp({
    logger,
    db: fresh.db,
    healthSources: [],
    api: {
      timeZone: 'Asia/Ho_Chi_Minh',
      recordings: new AriStoredRecordings(
        { url: 'http://asterisk.fuzz.invalid:8088', username: 'hotline', password: 'fuzz' },
        recordingsFetch,
      ),
      onRosterChanged: () => undefined,
      live: quietLive,
      callbacks: idleCallbacks,
      // The three roles sign in again after every sign-out the run sends; the limiter has its own tests.
      loginRateLimit: { max: 1_000_000, windowMs: 60_000 },
    },
  });
  const server = createServer(app);
  const baseUrl = await listen(server);
  return {
    baseUrl,
    db: fresh.db,
    ids,
    description: fresh.description,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await fresh.drop();
    },
  };
}
