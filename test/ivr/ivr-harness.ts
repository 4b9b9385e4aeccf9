import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IvrSettings } from '../../core/config';
import { createLogger, createSilentLogger } from '../../core/logger';
import { loadRosterSnapshot } from '../../core/roster/roster.repo';
import { RosterStore } from '../../core/roster/roster.store';
import { parseOrganisation } from '../../core/seed/organisation.load';
import { seedOrganisation } from '../../core/seed/organisation.seed';
import { CallTicketsRepository } from '../../core/tickets/call-tickets.repo';
import { TicketOutbox } from '../../core/tickets/ticket-outbox';
import { TicketRecorder } from '../../core/tickets/ticket-recorder';
import { IvrService } from '../../ivr/ivr.service';
import { type AsteriskEmulator, useAsteriskEmulator } from '../support/asterisk';
import { createTestDatabase, type TestDatabase } from '../support/database';

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
}

export interface IvrHarness {
  asterisk(): AsteriskEmulator;
  db(): TestDatabase;
  ivr(): IvrService;
  recorder(): TicketRecorder;
  outboxDir(): string;
  /** Waits until the call's ticket carries an outcome, and returns it. */
  finalTicket(channelId: string, timeoutMs?: number): Promise<TicketRow>;
  timeline(channelId: string): Promise<Array<{ kind: string; data: Record<string, unknown> }>>;
}

/**
 * The IVR as production wires it (ARI over the wire, roster from the database, tickets through
 * the recorder) against the Asterisk emulator and a fresh database. Asterisk's seconds run at
 * 1/10 speed so dial timeouts stay short.
 */
export function useIvr(settings: Partial<IvrSettings> = {}): IvrHarness {
  let testDb: TestDatabase | undefined;
  let service: IvrService | undefined;
  let ticketRecorder: TicketRecorder | undefined;
  let dir: string | undefined;
  const asterisk = useAsteriskEmulator({ username: 'hotline', password: 'secret', msPerSecond: 100 });

  before(async () => {
    testDb = await createTestDatabase();
    await seedOrganisation(testDb.db.knex, parseOrganisation('test organisation', TEST_ORGANISATION));
    // TEST_LOG=debug shows the call flow's own log while a scenario runs.
    const logger = process.env.TEST_LOG
      ? createLogger({ level: process.env.TEST_LOG, format: 'pretty' })
      : createSilentLogger();
    const roster = new RosterStore(
      (now) => loadRosterSnapshot(testDb!.db.knex, now),
      'Asia/Ho_Chi_Minh',
      logger,
    );
    await roster.refresh();
    dir = mkdtempSync(path.join(tmpdir(), 'hotline-outbox-'));
    ticketRecorder = new TicketRecorder(
      new CallTicketsRepository(testDb.db.knex),
      new TicketOutbox(dir),
      logger,
      {
        timeZone: 'Asia/Ho_Chi_Minh',
        writeTimeoutMs: 1000,
      },
    );
    service = new IvrService({
      ari: { url: asterisk().url, username: 'hotline', password: 'secret', app: 'hotline' },
      settings: { ...TEST_SETTINGS, ...settings },
      roster,
      tickets: ticketRecorder,
      logger,
      reconnect: { initialBackoffMs: 50, maxBackoffMs: 200, connectTimeoutMs: 2000 },
    });
    service.start();
    await asterisk().waitForApp('hotline', 5000);
  });

  after(async () => {
    await service?.stop();
    await ticketRecorder?.drain();
    await testDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const knex = () => (testDb as TestDatabase).db.knex;

  return {
    asterisk,
    db: () => testDb as TestDatabase,
    ivr: () => service as IvrService,
    recorder: () => ticketRecorder as TicketRecorder,
    outboxDir: () => dir as string,
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
