import assert from 'node:assert/strict';
import { createSilentLogger } from '../../core/logger';
import { AriRestError, AriStoredRecordings } from '../../ivr/ari/ari-stored-recordings';
import { RetentionJob, type StoredAudio } from '../../server/jobs/retention.job';
import { insertTickets, insertUnits } from '../api/api.fixture';
import { useAsteriskEmulator } from '../support/asterisk';
import { createTestDatabase, type TestDatabase } from '../support/database';

const DAY_MS = 24 * 3600_000;
const NOW = new Date('2026-11-20T10:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS);

describe('recording retention: old audio deleted through ARI, tickets marked and kept', () => {
  const asterisk = useAsteriskEmulator({ username: 'hotline', password: 'secret' });
  let test: TestDatabase;
  let unitId: number;

  before(async () => {
    test = await createTestDatabase();
    unitId = (await insertUnits(test.db.knex, [{ code: '1', name: 'UBND phường Phúc Diễn' }])).get(
      '1',
    ) as number;
  });
  after(async () => test?.drop());
  afterEach(async () => {
    await test.db.knex('ticket_events').delete();
    await test.db.knex('tickets').delete();
  });

  const stored = () =>
    new AriStoredRecordings({ url: asterisk().url, username: 'hotline', password: 'secret' });

  function job(audio: StoredAudio = stored(), retentionDays = 365, catchUpAfterMs?: number) {
    return new RetentionJob({
      knex: test.db.knex,
      audio,
      logger: createSilentLogger(),
      retentionDays,
      timeZone: 'Asia/Ho_Chi_Minh',
      batchSize: 2,
      now: () => NOW,
      ...(catchUpAfterMs !== undefined && { catchUpAfterMs }),
    });
  }

  async function ticket(id: number) {
    return test.db.knex('tickets').where({ id }).first();
  }

  async function expiredEvents(id: number) {
    const rows = await test.db
      .knex('ticket_events')
      .where({ ticket_id: id, kind: 'recording.expired' })
      .orderBy('id');
    return rows.map((row) => row.data);
  }

  it('deletes what is older than the retention period (404 counted as already gone) and marks each ticket', async () => {
    asterisk()
      .storeRecording('rec-old')
      .storeRecording('vm-old')
      .storeRecording('rec-both')
      .storeRecording('rec-new');
    const [old, voicemail, both, recent] = await insertTickets(test.db.knex, [
      { code: 'HL-2025-000001', unitId, receivedAt: daysAgo(400), recordingName: 'rec-old' },
      {
        code: 'HL-2025-000002',
        unitId,
        receivedAt: daysAgo(366),
        outcome: 'voicemail',
        voicemailName: 'vm-old',
      },
      // The voicemail file is already gone from Asterisk (deleted by hand): 404 is not an error.
      {
        code: 'HL-2025-000003',
        unitId,
        receivedAt: daysAgo(380),
        recordingName: 'rec-both',
        voicemailName: 'vm-gone',
      },
      { code: 'HL-2026-000004', unitId, receivedAt: daysAgo(364), recordingName: 'rec-new' },
    ]);

    const run = await job().run();
    assert.deepEqual(run, { deleted: 3, alreadyGone: 1, failed: 0, photos: 0, skipped: false });
    assert.equal(asterisk().storedRecording('rec-old'), undefined);
    assert.equal(asterisk().storedRecording('vm-old'), undefined);
    assert.equal(asterisk().storedRecording('rec-both'), undefined);
    assert.ok(asterisk().storedRecording('rec-new'), 'a recording inside the period stays');

    const deletes = asterisk()
      .requests()
      .filter((r) => r.method === 'DELETE')
      .map((r) => r.path)
      .sort();
    assert.deepEqual(deletes, [
      '/ari/recordings/stored/rec-both',
      '/ari/recordings/stored/rec-old',
      '/ari/recordings/stored/vm-gone',
      '/ari/recordings/stored/vm-old',
    ]);

    const oldRow = await ticket(old as number);
    assert.ok(oldRow, 'the ticket itself is never deleted');
    assert.deepEqual(oldRow.recording_deleted_at, NOW);
    assert.equal(oldRow.recording_name, 'rec-old', 'the name stays for the timeline');
    assert.deepEqual(await expiredEvents(old as number), [
      { media: 'recording', name: 'rec-old', alreadyGone: false, retentionDays: 365 },
    ]);
    assert.deepEqual((await ticket(voicemail as number)).voicemail_deleted_at, NOW);
    const bothRow = await ticket(both as number);
    assert.deepEqual([bothRow.recording_deleted_at, bothRow.voicemail_deleted_at], [NOW, NOW]);
    assert.deepEqual(
      (await expiredEvents(both as number)).map((e) => `${e.media} ${e.alreadyGone}`),
      ['recording false', 'voicemail true'],
    );
    const recentRow = await ticket(recent as number);
    assert.equal(recentRow.recording_deleted_at, null);
    assert.deepEqual(await expiredEvents(recent as number), []);

    const again = await job().run();
    assert.deepEqual(
      again,
      { deleted: 0, alreadyGone: 0, failed: 0, photos: 0, skipped: false },
      'nothing twice',
    );
  });

  it('catches up soon after start, without waiting for the nightly run', async () => {
    asterisk().storeRecording('rec-missed-night');
    const [id] = await insertTickets(test.db.knex, [
      { code: 'HL-2025-000021', unitId, receivedAt: daysAgo(400), recordingName: 'rec-missed-night' },
    ]);
    const retention = job(stored(), 365, 10);
    retention.start();
    try {
      const deadline = Date.now() + 3000;
      while ((await ticket(id as number)).recording_deleted_at === null && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.deepEqual((await ticket(id as number)).recording_deleted_at, NOW);
      assert.equal(asterisk().storedRecording('rec-missed-night'), undefined);
    } finally {
      await retention.stop();
    }
  });

  it('leaves a file Asterisk refuses unmarked for the next run, and goes on with the rest', async () => {
    const [refused, fine] = await insertTickets(test.db.knex, [
      { code: 'HL-2025-000011', unitId, receivedAt: daysAgo(500), recordingName: 'rec-locked' },
      { code: 'HL-2025-000012', unitId, receivedAt: daysAgo(499), recordingName: 'rec-fine' },
    ]);
    const audio: StoredAudio = {
      delete: async (name) => {
        if (name === 'rec-locked')
          throw new AriRestError(`delete stored recording ${name}`, 'Asterisk answered 500', 500);
        return 'deleted';
      },
    };
    assert.deepEqual(await job(audio).run(), {
      deleted: 1,
      alreadyGone: 0,
      failed: 1,
      photos: 0,
      skipped: false,
    });
    assert.equal((await ticket(refused as number)).recording_deleted_at, null);
    assert.deepEqual((await ticket(fine as number)).recording_deleted_at, NOW);
  });

  it('gives a typed error naming the file when Asterisk refuses or cannot be reached', async () => {
    const wrongPassword = new AriStoredRecordings({
      url: asterisk().url,
      username: 'hotline',
      password: 'nope',
    });
    await assert.rejects(wrongPassword.delete('x'), (error: unknown) => {
      assert.ok(error instanceof AriRestError);
      assert.equal(error.status, 401);
      assert.match(error.message, /delete stored recording x: Asterisk answered 401/);
      return true;
    });
    const nowhere = new AriStoredRecordings({ url: 'http://127.0.0.1:9', username: 'a', password: 'b' });
    await assert.rejects(nowhere.delete('y'), (error: unknown) => {
      assert.ok(error instanceof AriRestError);
      assert.equal(error.status, undefined);
      assert.match(error.message, /Asterisk cannot be reached/);
      return true;
    });
  });
});
