import assert from 'node:assert/strict';
import { createSilentLogger } from '../../core/logger';
import { WebTicketsRepository } from '../../core/tickets/web-tickets.repo';
import { reencodePhoto } from '../../server/citizen/photo.reencode';
import { RetentionJob } from '../../server/jobs/retention.job';
import { insertUnits } from '../api/api.fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { smallPng } from '../support/test-images';

const DAY_MS = 24 * 3600_000;
const NOW = new Date('2026-11-20T10:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS);

describe('photo retention: citizens’ photos deleted with the recordings of their age, tickets kept', () => {
  let test: TestDatabase;
  let unitId: number;

  before(async () => {
    test = await createTestDatabase();
    unitId = (await insertUnits(test.db.knex, [{ code: '1', name: 'UBND phường Phúc Diễn' }])).get(
      '1',
    ) as number;
  });
  after(async () => test?.drop());

  async function feedbackWithPhotos(receivedAt: Date, count: number): Promise<number> {
    const encoded = await reencodePhoto(await smallPng(40, 30));
    if (!encoded.ok) throw new Error('the test photo did not re-encode');
    const ticket = await new WebTicketsRepository(test.db.knex).recordFeedback(
      {
        unitId,
        text: 'Ổ gà trên đường Phúc Diễn',
        callerNumber: null,
        receivedAt,
        photos: Array.from({ length: count }, () => encoded.photo),
      },
      receivedAt.getUTCFullYear(),
    );
    return ticket.id;
  }

  const photosOf = (ticketId: number) =>
    test.db
      .knex('ticket_photos')
      .where({ ticket_id: ticketId })
      .orderBy('n')
      .select('n', 'deleted_at', test.db.knex.raw('bytes is null as emptied'), 'sha256');

  it('empties the photos older than the period in batches, without Asterisk, and says so on each ticket', async () => {
    const old = await feedbackWithPhotos(daysAgo(400), 3);
    const older = await feedbackWithPhotos(daysAgo(500), 1);
    const recent = await feedbackWithPhotos(daysAgo(10), 2);
    const job = new RetentionJob({
      knex: test.db.knex,
      logger: createSilentLogger(),
      retentionDays: 365,
      timeZone: 'Asia/Ho_Chi_Minh',
      batchSize: 2,
      now: () => NOW,
    });

    const run = await job.run();
    assert.deepEqual(run, { deleted: 0, alreadyGone: 0, failed: 0, photos: 4, skipped: false });
    for (const id of [old, older]) {
      for (const photo of await photosOf(id)) {
        assert.deepEqual([photo.emptied, photo.deleted_at], [true, NOW], `ticket ${id} photo ${photo.n}`);
        assert.match(
          photo.sha256,
          /^[0-9a-f]{64}$/,
          'the row stays, so the ticket still says a photo existed',
        );
      }
    }
    assert.deepEqual(
      (await photosOf(recent)).map((photo) => [photo.emptied, photo.deleted_at]),
      [
        [false, null],
        [false, null],
      ],
    );
    const events = await test.db
      .knex('ticket_events')
      .where({ kind: 'photos.expired' })
      .orderBy('ticket_id')
      .select('ticket_id', 'data');
    const byTicket = new Map<number, unknown[]>();
    for (const event of events)
      byTicket.set(Number(event.ticket_id), [...(byTicket.get(Number(event.ticket_id)) ?? []), event.data]);
    // The three photos of one ticket went in two batches of two: each batch says which it took.
    assert.deepEqual(
      byTicket
        .get(old)
        ?.flatMap((data) => (data as { photos: number[] }).photos)
        .sort(),
      [1, 2, 3],
    );
    assert.deepEqual(byTicket.get(older), [{ photos: [1], retentionDays: 365 }]);
    assert.equal(byTicket.has(recent), false);
    assert.ok(
      await test.db.knex('tickets').where({ id: old }).first('id'),
      'the ticket itself is never deleted',
    );

    assert.equal((await job.run()).photos, 0, 'nothing twice');
  });
});
