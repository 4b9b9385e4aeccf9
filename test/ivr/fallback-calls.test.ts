import assert from 'node:assert/strict';
import { createSilentLogger } from '../../core/logger';
import { parseOrganisation } from '../../core/seed/organisation.load';
import { seedOrganisation } from '../../core/seed/organisation.seed';
import { CallTicketsRepository } from '../../core/tickets/call-tickets.repo';
import { FallbackCallsRepository } from '../../core/tickets/fallback-calls.repo';
import { AmiMonitor } from '../../ivr/ami/ami.monitor';
import { collectFallbackCalls } from '../../ivr/ami/fallback-calls.collector';
import { FALLBACK_CALLS_FAMILY } from '../../ivr/calls/dialplan-contract';
import { useAmiEmulator } from '../support/ami';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { eventually, TEST_ORGANISATION } from './ivr-harness';

const AMI_CREDENTIALS = { username: 'hotline', password: 'ami-secret' };
const epoch = (iso: string) => String(Date.parse(iso) / 1000);

describe('Calls the dialplan fallback handled become tickets', () => {
  const ami = useAmiEmulator(AMI_CREDENTIALS);
  let db: TestDatabase;
  let repo: FallbackCallsRepository;
  let operatorId: number;

  before(async () => {
    db = await createTestDatabase();
    await seedOrganisation(db.db.knex, parseOrganisation('test organisation', TEST_ORGANISATION));
    repo = new FallbackCallsRepository(db.db.knex, new CallTicketsRepository(db.db.knex), (at) =>
      at.getUTCFullYear(),
    );
    operatorId = (await db.db.knex('contacts').where({ dial: 'PJSIP/operator' }).first('id')).id;
  });
  after(() => db.drop());

  /** Collects over a real AMI session, as the monitor does after each resync. */
  async function collect(): Promise<void> {
    let runs = 0;
    const monitor = new AmiMonitor({
      host: ami().host,
      port: ami().port,
      ...AMI_CREDENTIALS,
      logger: createSilentLogger(),
      actionTimeoutMs: 1000,
      onResync: async (session) => {
        await collectFallbackCalls(session, repo, createSilentLogger());
        runs += 1;
      },
    });
    monitor.start();
    try {
      await eventually(() => runs > 0, 'one collection');
    } finally {
      await monitor.stop();
    }
  }

  it('makes an answered fallback call a ticket once, then deletes its record', async () => {
    ami().dbPut(
      FALLBACK_CALLS_FAMILY,
      '1796190000.7',
      [
        '1',
        epoch('2026-12-02T01:00:00Z'),
        '+84912345678',
        'no-app',
        String(operatorId),
        'ANSWER',
        '65',
        epoch('2026-12-02T01:01:20Z'),
      ].join(';'),
    );
    await collect();
    await collect();
    const tickets = await db.db.knex('tickets').where({ asterisk_channel_id: '1796190000.7' });
    assert.equal(tickets.length, 1);
    const [ticket] = tickets;
    assert.equal(ticket.outcome, 'answered');
    assert.equal(ticket.answered_by_name, 'Trực ban');
    assert.equal(ticket.talk_seconds, 65);
    assert.equal(ticket.caller_number, '+84912345678');
    const kinds = (await db.db.knex('ticket_events').where({ ticket_id: ticket.id }).orderBy('seq')).map(
      (e) => e.kind,
    );
    assert.deepEqual(kinds, ['call.received', 'fallback.handled']);
    assert.equal(ami().dbGet(FALLBACK_CALLS_FAMILY, '1796190000.7'), undefined);
  });

  it('leaves a call still in progress for later, and calls a missed one back', async () => {
    const now = Math.floor(Date.now() / 1000);
    ami()
      .dbPut(FALLBACK_CALLS_FAMILY, '1796190001.8', `1;${now};+84912000999;no-app;;;;`)
      .dbPut(
        FALLBACK_CALLS_FAMILY,
        '1796190002.9',
        `1;${now - 60};;no-app;${operatorId};NOANSWER;;${now - 20}`,
      );
    await collect();
    assert.ok(ami().dbGet(FALLBACK_CALLS_FAMILY, '1796190001.8'), 'an open record stays');
    assert.equal(
      await db.db.knex('tickets').where({ asterisk_channel_id: '1796190001.8' }).first(),
      undefined,
    );
    const missed = await db.db.knex('tickets').where({ asterisk_channel_id: '1796190002.9' }).first();
    assert.equal(missed.outcome, 'missed');
    assert.equal(missed.needs_callback, true);
    assert.equal(missed.caller_anonymous, true);
  });
});
