import type express from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import { NotificationListener } from '../../core/db/notification-listener';
import { createSilentLogger } from '../../core/logger';
import type { Role } from '../../core/users/roles';
import { type NewUser, UsersRepository } from '../../core/users/users.repo';
import type { ApiSettings } from '../../server/api/api';
import { SESSIONS_CHANNEL, type SessionCache } from '../../server/api/auth/session-cache';
import { type AppDependencies, createApp } from '../../server/app';
import { createTestDatabase, type TestDatabase } from '../support/database';

export const PASSWORD = 'correct horse battery';

export interface ApiHarness {
  test: TestDatabase;
  knex: Knex;
  app: express.Express;
  rosterChanges: number;
  /** Creates a user through the real repository. */
  user(username: string, role: Role, unitCodes?: string[], extra?: Partial<NewUser>): Promise<number>;
  /** Signs in through the API; the agent carries the cookie, `csrf` the token. */
  signIn(username: string, password?: string, app?: express.Express): Promise<SignedIn>;
  /** Another app on the same database, with other API settings (ARI, limits) or citizen-site or Open311 limits. */
  appWith(
    settings: Partial<ApiSettings>,
    citizen?: AppDependencies['citizen'],
    open311?: AppDependencies['open311'],
  ): express.Express;
  /** The three roles, signed in: `admin`, `official` (ward_official of unit 1) and `viewer`. */
  signInRoles(): Promise<{ admin: SignedIn; official: SignedIn; viewer: SignedIn }>;
}

export interface SignedIn {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
}

/** A fresh database with the API mounted on the real app, for one test file. */
export async function apiHarness(settings: Partial<ApiSettings> = {}): Promise<ApiHarness> {
  const test = await createTestDatabase();
  const users = new UsersRepository(test.db.knex);
  const appWith = (
    overrides: Partial<ApiSettings>,
    citizen?: AppDependencies['citizen'],
    open311?: AppDependencies['open311'],
  ) =>
    createApp({
      ...(citizen && { citizen }),
      ...(open311 && { open311 }),
      logger: createSilentLogger(),
      db: test.db,
      healthSources: [],
      api: {
        timeZone: 'Asia/Ho_Chi_Minh',
        onRosterChanged: () => {
          harness.rosterChanges += 1;
        },
        ...settings,
        ...overrides,
      },
    });
  const harness: ApiHarness = {
    test,
    knex: test.db.knex,
    rosterChanges: 0,
    app: appWith({}),
    appWith,
    async user(username, role, unitCodes, extra) {
      const created = await users.create({ username, password: PASSWORD, role, unitCodes, ...extra });
      return created.id;
    },
    async signInRoles() {
      await harness.user('admin', 'admin');
      await harness.user('official', 'ward_official', ['1']);
      await harness.user('viewer', 'viewer');
      return {
        admin: await harness.signIn('admin'),
        official: await harness.signIn('official'),
        viewer: await harness.signIn('viewer'),
      };
    },
    async signIn(username, password = PASSWORD, app = harness.app) {
      const agent = request.agent(app);
      const res = await agent.post('/api/v1/auth/login').send({ username, password });
      if (res.status !== 200)
        throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { agent, csrf: res.body.csrfToken as string };
    },
  };
  return harness;
}

/**
 * The sessions_changed listener main wires to the session cache, started on the harness's
 * PostgreSQL database; resolves once its LISTEN is issued, so a change from now on reaches `cache`.
 */
export async function listenForSessionNotices(
  h: ApiHarness,
  cache: SessionCache,
): Promise<NotificationListener> {
  const listener = new NotificationListener({
    url: h.test.url as string,
    logger: createSilentLogger(),
    channel: SESSIONS_CHANNEL,
    onNotification: (payload) => cache.onNotice(payload),
    onMissedNotifications: () => cache.forgetAll(),
  });
  listener.start();
  const deadline = Date.now() + 5000;
  for (;;) {
    const { rows } = await h.knex.raw('select count(*)::int as n from pg_stat_activity where query = ?', [
      `listen ${SESSIONS_CHANNEL}`,
    ]);
    if (rows[0].n > 0) return listener;
    if (Date.now() > deadline) throw new Error('the sessions_changed listener never issued its LISTEN');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface UnitSeed {
  code: string;
  name: string;
  kind?: 'ward' | 'department' | 'district';
}

export async function insertUnits(knex: Knex, units: UnitSeed[]): Promise<Map<string, number>> {
  const rows = await knex('units')
    .insert(units.map((unit) => ({ code: unit.code, name: unit.name, kind: unit.kind ?? 'ward' })))
    .returning(['id', 'code']);
  return new Map(rows.map((row) => [row.code as string, row.id as number]));
}

export interface TicketSeed {
  code: string;
  unitId: number | null;
  receivedAt: Date;
  callerNumber?: string | null;
  outcome?: string;
  status?: string;
  rating?: number | null;
  needsCallback?: boolean;
  summary?: string | null;
  category?: string | null;
  confidential?: boolean;
  waitSeconds?: number | null;
  talkSeconds?: number | null;
  recordingName?: string | null;
  voicemailName?: string | null;
  dueAt?: Date | null;
}

export async function insertTickets(knex: Knex, tickets: TicketSeed[]): Promise<number[]> {
  const rows = await knex('tickets')
    .insert(
      tickets.map((t) => ({
        code: t.code,
        unit_id: t.unitId,
        received_at: t.receivedAt,
        caller_number: t.callerNumber === undefined ? '+84912345678' : t.callerNumber,
        outcome: t.outcome ?? 'answered',
        status: t.status ?? 'new',
        rating: t.rating ?? null,
        needs_callback: t.needsCallback ?? false,
        summary: t.summary ?? null,
        category: t.category ?? null,
        confidential: t.confidential ?? false,
        wait_seconds: t.waitSeconds === undefined ? 10 : t.waitSeconds,
        talk_seconds: t.talkSeconds === undefined ? 60 : t.talkSeconds,
        recording_name: t.recordingName ?? null,
        voicemail_name: t.voicemailName ?? null,
        due_at: t.dueAt ?? null,
      })),
    )
    .returning('id');
  return rows.map((row) => row.id as number);
}
