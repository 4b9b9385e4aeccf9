import assert from 'node:assert/strict';
import { loadConfig } from '../../core/config';
import { createSilentLogger } from '../../core/logger';
import { parseOrganisation } from '../../core/seed/organisation.load';
import { seedOrganisation } from '../../core/seed/organisation.seed';
import { FALLBACK_CALLS_FAMILY } from '../../ivr/calls/dialplan-contract';
import { startTelephony } from '../../server/telephony';
import { useAmiEmulator } from '../support/ami';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { makeTempDir, type TempDir } from '../support/processes';
import { eventually, TEST_ORGANISATION } from './ivr-harness';

const AMI_CREDENTIALS = { username: 'hotline', password: 'ami-secret' };
const epoch = (iso: string) => String(Date.parse(iso) / 1000);

describe('Calls the dialplan fallback handled become tickets', () => {
  const ami = useAmiEmulator(AMI_CREDENTIALS);
  let db: TestDatabase;
  let dataDir: TempDir;
  let operatorId: number;

  before(async () => {
    db = await createTestDatabase();
    await seedOrganisation(db.db.knex, parseOrganisation('test organisation', TEST_ORGANISATION));
    operatorId = (await db.db.knex('contacts').where({ dial: 'PJSIP/operator' }).first('id')).id;
    dataDir = makeTempDir('hotline-fallback-');
  });
  after(async () => {
    await db.drop();
    dataDir.remove();
  });

  /** Runs the call side as the service does (AMI on, no ARI) until `done`, then stops it. */
  async function serviceUntil(done: () => boolean, what: string): Promise<void> {
    const config = loadConfig({
      DATA_DIR: dataDir.path,
      AMI_HOST: ami().host,
      AMI_PORT: String(ami().port),
      AMI_USERNAME: AMI_CREDENTIALS.username,
      AMI_PASSWORD: AMI_CREDENTIALS.password,
    });
    const telephony = await startTelephony(config, db.db, createSilentLogger());
    try {
      await eventually(done, what);
    } finally {
      await telephony.stop();
    }
  }

  const recordOf = (key: string) => ami().dbGet(FALLBACK_CALLS_FAMILY, key);

  it('makes an answered fallback call a ticket once, then deletes its record', async () => {
    const record = [
      '1',
      epoch('2026-12-02T01:00:00Z'),
      '+84912345678',
      'no-app',
      String(operatorId),
      'ANSWER',
      '65',
      epoch('2026-12-02T01:01:20Z'),
    ].join(';');
    ami().dbPut(FALLBACK_CALLS_FAMILY, '1796190000.7', record);
    await serviceUntil(() => recordOf('1796190000.7') === undefined, 'the record collected and deleted');
    // A crash between the ticket and the DBDel: the same record is read again.
    ami().dbPut(FALLBACK_CALLS_FAMILY, '1796190000.7', record);
    await serviceUntil(() => recordOf('1796190000.7') === undefined, 'the record collected again');
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
    await serviceUntil(() => recordOf('1796190002.9') === undefined, 'the finished record collected');
    assert.ok(recordOf('1796190001.8'), 'an open record stays');
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
