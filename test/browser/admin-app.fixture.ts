import type { Knex } from 'knex';
import { createSilentLogger } from '../../core/logger';
import { sampleOrganisation } from '../../core/seed/organisation.load';
import { seedOrganisation } from '../../core/seed/organisation.seed';
import { type CallEvent, type CallTicketSnapshot, newCallSnapshot } from '../../core/tickets/call-ticket';
import { CallTicketsRepository } from '../../core/tickets/call-tickets.repo';
import { UsersRepository } from '../../core/users/users.repo';
import { AriStoredRecordings } from '../../ivr/ari/ari-stored-recordings';
import type { ApiSettings } from '../../server/api/api';
import { createApp } from '../../server/app';
import { listen, type RunningServer } from '../../server/http-server';
import { AsteriskEmulator } from '../support/asterisk';
import { createTestDatabase, type TestDatabase } from '../support/database';

export const ADMIN = { username: 'noivu.admin', password: 'Mat-khau-quan-tri-2026' };
export const NEWCOMER = {
  username: 'can.bo.moi',
  password: 'Mat-khau-tam-2026',
  next: 'Mat-khau-rieng-2026',
};
/** Read-only, every unit, caller numbers masked. */
export const VIEWER = { username: 'xem.bao.cao', password: 'Mat-khau-xem-2026' };
/** Scoped to ward 1 only. */
export const WARD_OFFICIAL = {
  username: 'chu.tich.phuong1',
  password: 'Mat-khau-phuong-2026',
  unitCode: '1',
};
export const RECORDING = 'hl-answered-rec';
export const VOICEMAIL = 'hl-voicemail-msg';

export interface AdminApp {
  baseUrl: string;
  db: TestDatabase;
  asterisk: AsteriskEmulator;
  /** Ticket ids by role in the story: the answered call with a recording, the voicemail, the rest. */
  tickets: { answered: number; voicemail: number };
  close(): Promise<void>;
}

interface UnitRow {
  id: number;
  code: string;
  name: string;
}

async function unitByCode(
  knex: Knex,
  code: string,
): Promise<UnitRow & { contacts: { id: number; name: string }[] }> {
  const unit = await knex('units').where({ code }).first('id', 'code', 'name');
  if (!unit) throw new Error(`sample organisation has no unit ${code}`);
  const contacts = await knex('contacts').where({ unit_id: unit.id }).orderBy('id').select('id', 'name');
  return { ...unit, contacts };
}

function snapshot(
  channelId: string,
  receivedAt: Date,
  patch: Partial<CallTicketSnapshot>,
): CallTicketSnapshot {
  return {
    ...newCallSnapshot({ channelId, callerNumber: '+84912345678', receivedAt }),
    version: 1,
    endedAt: new Date(receivedAt.getTime() + 60_000),
    outcome: 'abandoned',
    abandonedStage: 'menu',
    endedBy: 'caller',
    waitSeconds: 20,
    ...patch,
  };
}

function steps(start: Date, list: [number, string, Record<string, unknown>][]): CallEvent[] {
  return list.map(([offsetS, kind, data], i) => ({
    seq: i + 1,
    at: new Date(start.getTime() + offsetS * 1000),
    kind,
    data,
  }));
}

/** A week of calls as the IVR writes them: one answered with a recording, one voicemail, and filler. */
async function seedTickets(knex: Knex, now: Date): Promise<AdminApp['tickets']> {
  const repo = new CallTicketsRepository(knex);
  const year = now.getUTCFullYear();
  const ward1 = await unitByCode(knex, '1');
  const ward2 = await unitByCode(knex, '2');
  const [chair, deputy] = ward1.contacts;
  if (!chair || !deputy) throw new Error('unit 1 needs two contacts');

  const answeredAt = new Date(now.getTime() - 3 * 3600_000);
  const answered = await repo.write(
    {
      snapshot: snapshot('chan-answered', answeredAt, {
        callerNumber: '+84987654321',
        unitId: ward1.id,
        dialedCode: '1',
        answeredAt: new Date(answeredAt.getTime() + 38_000),
        answeredByContactId: deputy.id,
        answeredByName: deputy.name,
        outcome: 'answered',
        abandonedStage: null,
        endedBy: 'official',
        waitSeconds: 38,
        talkSeconds: 245,
        recordingName: RECORDING,
        rating: 3,
        needsCallback: true,
        dueAt: new Date(now.getTime() + 20 * 3600_000),
      }),
      events: steps(answeredAt, [
        [0, 'call.received', {}],
        [1, 'stage', { stage: 'menu' }],
        [9, 'unit.chosen', { code: '1', name: ward1.name, how: 'menu' }],
        [10, 'stage', { stage: 'ringing' }],
        [
          30,
          'target.result',
          {
            contactId: chair.id,
            name: chair.name,
            dial: '+84 90 *** 101',
            isFallback: false,
            result: 'no-answer',
          },
        ],
        [
          38,
          'target.result',
          {
            contactId: deputy.id,
            name: deputy.name,
            dial: '+84 90 *** 102',
            isFallback: false,
            result: 'accepted',
          },
        ],
        [38, 'call.answered', { contactId: deputy.id, name: deputy.name }],
        [38, 'recording.started', { name: RECORDING }],
        [283, 'stage', { stage: 'survey' }],
        [290, 'survey.rated', { rating: 3 }],
        [
          291,
          'call.ended',
          { outcome: 'answered', endedBy: 'official', stage: 'survey', reason: 'completed' },
        ],
      ]),
    },
    year,
  );

  const vmAt = new Date(now.getTime() - 26 * 3600_000);
  const voicemail = await repo.write(
    {
      snapshot: snapshot('chan-voicemail', vmAt, {
        callerNumber: '+84911222333',
        unitId: ward2.id,
        dialedCode: '2',
        outcome: 'voicemail',
        abandonedStage: null,
        waitSeconds: 75,
        voicemailName: VOICEMAIL,
        needsCallback: true,
        dueAt: new Date(vmAt.getTime() + 24 * 3600_000),
      }),
      events: steps(vmAt, [
        [0, 'call.received', {}],
        [8, 'unit.chosen', { code: '2', name: ward2.name, how: 'menu' }],
        [
          40,
          'target.result',
          { name: ward2.contacts[0]?.name, dial: '+84 90 *** 201', isFallback: false, result: 'busy' },
        ],
        [60, 'voicemail.started', { name: VOICEMAIL }],
        [75, 'voicemail.finished', { durationSeconds: 15 }],
        [
          76,
          'call.ended',
          { outcome: 'voicemail', endedBy: 'caller', stage: 'voicemail', reason: 'caller-hung-up' },
        ],
      ]),
    },
    year,
  );

  // Filler spread over the past days and several wards, so the list and the dashboard have a shape.
  const outcomes = [
    'answered',
    'answered',
    'missed',
    'answered',
    'abandoned',
    'answered',
    'invalid_input',
  ] as const;
  for (let i = 0; i < 14; i++) {
    const unit = await unitByCode(knex, String((i % 5) + 1));
    const at = new Date(now.getTime() - (i * 11 + 5) * 3600_000);
    const outcome = outcomes[i % outcomes.length] ?? 'answered';
    const isAnswered = outcome === 'answered';
    await repo.write(
      {
        snapshot: snapshot(`chan-filler-${i}`, at, {
          callerNumber: `+8491000${String(1000 + i)}`,
          unitId: outcome === 'invalid_input' ? null : unit.id,
          outcome,
          answeredAt: isAnswered ? new Date(at.getTime() + (10 + i) * 1000) : null,
          answeredByName: isAnswered ? (unit.contacts[0]?.name ?? null) : null,
          waitSeconds: 10 + i * 3,
          talkSeconds: isAnswered ? 60 + i * 20 : null,
          abandonedStage: outcome === 'abandoned' ? 'ringing' : null,
          rating: isAnswered ? (((i % 3) + 1) as 1 | 2 | 3) : null,
          needsCallback: outcome === 'missed',
        }),
        events: steps(at, [[0, 'call.received', {}]]),
      },
      year,
    );
  }
  return { answered: answered.id, voicemail: voicemail.id };
}

/** Sign-in limits a test may tighten, so it reaches them in a few attempts. */
export type AdminAppOptions = Pick<ApiSettings, 'auth' | 'loginRateLimit'>;

/** The real app on a random port over a fresh, seeded database, with the Asterisk emulator holding the audio. */
export async function startAdminApp(options: AdminAppOptions = {}): Promise<AdminApp> {
  const db = await createTestDatabase();
  let asterisk: AsteriskEmulator | undefined;
  let http: RunningServer | undefined;
  try {
    await seedOrganisation(db.db.knex, sampleOrganisation());
    const users = new UsersRepository(db.db.knex);
    await users.create({ ...ADMIN, role: 'admin', displayName: 'Nguyễn Thị Hạnh' });
    await users.create({
      username: NEWCOMER.username,
      password: NEWCOMER.password,
      role: 'admin',
      mustChangePassword: true,
    });
    await users.create({ ...VIEWER, role: 'viewer', displayName: 'Trần Văn Xem' });
    await users.create({
      username: WARD_OFFICIAL.username,
      password: WARD_OFFICIAL.password,
      role: 'ward_official',
      unitCodes: [WARD_OFFICIAL.unitCode],
    });
    const tickets = await seedTickets(db.db.knex, new Date());
    asterisk = await AsteriskEmulator.start({ username: 'hotline', password: 'ari-secret' });
    asterisk.storeRecording(RECORDING, 2000).storeRecording(VOICEMAIL, 1500);
    const app = createApp({
      logger: createSilentLogger(),
      db: db.db,
      healthSources: [],
      api: {
        timeZone: 'Asia/Ho_Chi_Minh',
        recordings: new AriStoredRecordings({
          url: asterisk.url,
          username: 'hotline',
          password: 'ari-secret',
        }),
        onRosterChanged: () => {},
        ...options,
      },
    });
    http = await listen(app, 0, '127.0.0.1');
    const running = { http, asterisk };
    return {
      baseUrl: `http://127.0.0.1:${http.port}`,
      db,
      asterisk,
      tickets,
      async close() {
        await running.http.close(1000);
        await running.asterisk.stop();
        await db.drop();
      },
    };
  } catch (error) {
    await http?.close(0);
    await asterisk?.stop();
    await db.drop();
    throw error;
  }
}
