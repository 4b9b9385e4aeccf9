import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../core/db/database';
import { createSilentLogger } from '../../core/logger';
import type { CallTicketWrite } from '../../core/tickets/call-ticket';
import { CallTicketsRepository } from '../../core/tickets/call-tickets.repo';
import { TicketOutbox } from '../../core/tickets/ticket-outbox';
import { TicketRecorder } from '../../core/tickets/ticket-recorder';
import { CallFacts } from '../../ivr/calls/call-facts';
import { createTestDatabase, type TestDatabase } from '../support/database';

const receivedAt = new Date('2026-11-23T02:00:00Z');

function callWrites(channelId: string): CallTicketWrite[] {
  const facts = new CallFacts({ channelId, callerNumber: '+84912345678', receivedAt });
  const first = facts.nextWrite();
  facts.enterStage('menu');
  facts.invalidEntry('99', 'unknown-code');
  facts.ended('caller-hung-up', 'caller', new Date(receivedAt.getTime() + 30_000));
  return [first, facts.nextWrite()];
}

describe('call tickets: snapshots, outbox and replay', () => {
  let testDb: TestDatabase;
  let dir: string;
  const logger = createSilentLogger();

  before(async () => {
    testDb = await createTestDatabase();
  });
  after(async () => {
    await testDb.drop();
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ticket-outbox-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const ticketsOf = (channelId: string) =>
    testDb.db
      .knex('tickets')
      .where({ asterisk_channel_id: channelId })
      .select('id', 'code', 'outcome', 'ivr_version');
  const eventsOf = (ticketId: number) =>
    testDb.db.knex('ticket_events').where({ ticket_id: ticketId }).orderBy('seq');

  it('numbers tickets per year in order and writes a call once however often it is replayed', async () => {
    const repo = new CallTicketsRepository(testDb.db.knex);
    const [start, end] = callWrites('1795000000.1') as [CallTicketWrite, CallTicketWrite];
    const stored = await repo.write(start, 2026);
    await repo.write(end, 2026);
    await repo.write(end, 2026);
    await repo.write(start, 2026);
    const rows = await ticketsOf('1795000000.1');
    assert.equal(rows.length, 1);
    assert.match(stored.code, /^HL-2026-\d{6}$/);
    assert.equal(rows[0].outcome, 'invalid_input', 'the older snapshot replayed last did not win');
    assert.equal(rows[0].ivr_version, 2);
    const events = await eventsOf(rows[0].id);
    assert.deepEqual(
      events.map((e) => e.kind),
      ['call.received', 'stage', 'menu.invalid', 'call.ended'],
    );
    const next = await repo.write(callWrites('1795000000.2')[0] as CallTicketWrite, 2026);
    assert.equal(Number(next.code.slice(-6)), Number(stored.code.slice(-6)) + 1);
  });

  it('grows the code past six digits after HL-YYYY-999999', async () => {
    await testDb.db.knex('ticket_code_counters').insert({ year: 2031, last_value: 999_999 });
    const repo = new CallTicketsRepository(testDb.db.knex);
    const stored = await repo.write(callWrites('1795000000.9')[0] as CallTicketWrite, 2031);
    assert.equal(stored.code, 'HL-2031-1000000');
  });

  it('moves a code counter that fell behind the table past its codes, and writes the call at once', async () => {
    const repo = new CallTicketsRepository(testDb.db.knex);
    for (const channelId of ['1795000000.20', '1795000000.21', '1795000000.22'])
      await repo.write(callWrites(channelId)[0] as CallTicketWrite, 2026);
    const highest = async () => {
      const row = await testDb.db
        .knex('tickets')
        .where('code', 'like', 'HL-2026-%')
        .max('code as code')
        .first();
      return Number(String(row?.code).slice('HL-2026-'.length));
    };
    const highestBefore = await highest();
    await testDb.db.knex('ticket_code_counters').where({ year: 2026 }).update({ last_value: 1 });
    const outbox = new TicketOutbox(dir);
    const recorder = new TicketRecorder(repo, outbox, logger, { timeZone: 'Asia/Ho_Chi_Minh' });

    const written = await recorder.record(callWrites('1795000000.23')[0] as CallTicketWrite);

    assert.equal(written?.code, `HL-2026-${String(highestBefore + 1).padStart(6, '0')}`);
    assert.equal(await outbox.backlog(), 0, 'nothing waits in the outbox');
    assert.equal((await ticketsOf('1795000000.23')).length, 1);
    assert.equal(await highest(), highestBefore + 1);
    const next = await repo.write(callWrites('1795000000.24')[0] as CallTicketWrite, 2026);
    assert.equal(
      next.code,
      `HL-2026-${String(highestBefore + 2).padStart(6, '0')}`,
      'the next call needs no second try',
    );
  });

  it('keeps writes the database refuses in the outbox, then replays them into exactly one ticket', async () => {
    const down = await openDatabase({
      kind: 'postgres',
      url: 'postgres://postgres@127.0.0.1:9/none',
      poolMax: 1,
    });
    const outbox = new TicketOutbox(dir);
    const failing = new TicketRecorder(new CallTicketsRepository(down.knex), outbox, logger, {
      timeZone: 'Asia/Ho_Chi_Minh',
      writeTimeoutMs: 2000,
    });
    for (const write of callWrites('1795000001.1')) assert.equal(await failing.record(write), null);
    await down.close();
    assert.equal(await outbox.backlog(), 2);

    const healthy = new TicketRecorder(new CallTicketsRepository(testDb.db.knex), outbox, logger, {
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    await healthy.replayOutbox();
    await healthy.replayOutbox();
    assert.equal(await outbox.backlog(), 0);
    const rows = await ticketsOf('1795000001.1');
    assert.equal(rows.length, 1);
    assert.equal(rows[0].outcome, 'invalid_input');
    assert.equal((await eventsOf(rows[0].id)).length, 4);
  });

  it('sets a torn or foreign line aside instead of blocking the queue', async () => {
    const outbox = new TicketOutbox(dir);
    const [start] = callWrites('1795000002.1') as [CallTicketWrite];
    await outbox.append(start);
    writeFileSync(path.join(dir, 'tickets.jsonl'), '{"snapshot": {"chann', { flag: 'a' });
    const recorder = new TicketRecorder(new CallTicketsRepository(testDb.db.knex), outbox, logger, {
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    await recorder.replayOutbox();
    assert.equal((await ticketsOf('1795000002.1')).length, 1);
    assert.equal(await outbox.backlog(), 0);
    assert.equal(readFileSync(path.join(dir, 'tickets.rejected.jsonl'), 'utf8'), '{"snapshot": {"chann\n');
  });

  it('leaves the outbox whole when the database is still down during a replay', async () => {
    const outbox = new TicketOutbox(dir);
    for (const write of callWrites('1795000003.1')) await outbox.append(write);
    const down = await openDatabase({
      kind: 'postgres',
      url: 'postgres://postgres@127.0.0.1:9/none',
      poolMax: 1,
    });
    const recorder = new TicketRecorder(new CallTicketsRepository(down.knex), outbox, logger, {
      timeZone: 'Asia/Ho_Chi_Minh',
      writeTimeoutMs: 2000,
    });
    await recorder.replayOutbox();
    await down.close();
    assert.equal(await outbox.backlog(), 2);
    assert.equal((await ticketsOf('1795000003.1')).length, 0);
  });
});
