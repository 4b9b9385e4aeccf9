import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import request from 'supertest';
import { createSilentLogger } from '../../core/logger';
import { RetentionJob } from '../../server/jobs/retention.job';
import { countRows } from '../support/tables';
import { phonePhotoJpeg, smallPng } from '../support/test-images';
import { type ApiHarness, apiHarness, insertUnits, type SignedIn } from './api.fixture';

const NOW = new Date('2026-12-03T02:00:00Z');

/** The binary body of a supertest response, whatever its content type. */
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('photos of a ticket in the admin API (GET /api/v1/tickets/:id/photos/:n)', () => {
  let h: ApiHarness;
  let roles: { admin: SignedIn; official: SignedIn; viewer: SignedIn };
  let otherWard: SignedIn;
  let ticketId: number;
  let code: string;

  before(async () => {
    h = await apiHarness({ now: () => NOW });
    await insertUnits(h.knex, [
      { code: '1', name: 'Phường Phúc Diễn' },
      { code: '12', name: 'Phường Xuân Đỉnh' },
    ]);
    roles = await h.signInRoles();
    await h.user('xuandinh', 'ward_official', ['12']);
    otherWard = await h.signIn('xuandinh');
    const sent = await request(h.app)
      .post('/p/u/1/feedback')
      .field('text', 'Cây đổ chắn lối đi trước trường tiểu học')
      .attach('photo', await phonePhotoJpeg(), { filename: 'IMG_1.jpg', contentType: 'image/jpeg' })
      .attach('photo', await smallPng(), { filename: 'so-do.png', contentType: 'image/png' })
      .expect(201);
    code = /class="code">([^<]+)</.exec(sent.text)?.[1] ?? '';
    ticketId = Number((await h.knex('tickets').where({ code }).first('id')).id);
  });
  after(async () => h?.test.drop());

  it('lists the photos on the ticket, with their size and address', async () => {
    const res = await roles.admin.agent.get(`/api/v1/tickets/${ticketId}`).expect(200);
    assert.deepEqual(res.body.photos, [
      { n: 1, url: `/api/v1/tickets/${ticketId}/photos/1`, width: 1000, height: 1600, expiredAt: null },
      { n: 2, url: `/api/v1/tickets/${ticketId}/photos/2`, width: 200, height: 100, expiredAt: null },
    ]);
  });

  it('serves a photo as an inline JPEG that is never sniffed or cached, and audits the view', async () => {
    const res = await roles.admin.agent
      .get(`/api/v1/tickets/${ticketId}/photos/1`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.equal(res.headers['content-type'], 'image/jpeg');
    assert.equal(res.headers['content-disposition'], `inline; filename="${code}-anh-1.jpg"`);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const body = res.body as Buffer;
    assert.equal((await sharp(body).metadata()).format, 'jpeg');
    const stored = await h.knex('ticket_photos').where({ ticket_id: ticketId, n: 1 }).first('sha256');
    assert.equal(createHash('sha256').update(body).digest('hex'), stored.sha256);
    const views = await h
      .knex('audit_log')
      .where({ action: 'ticket.view-photo', entity_id: String(ticketId) });
    assert.deepEqual(
      views.map((row) => row.details),
      [{ n: 1, sha256: stored.sha256 }],
    );
  });

  it('shows the photo to whoever may read the ticket, and to nobody else, as if it did not exist', async () => {
    const photo = `/api/v1/tickets/${ticketId}/photos/2`;
    await roles.official.agent.get(photo).expect(200);
    await roles.viewer.agent.get(photo).expect(200);
    await otherWard.agent.get(photo).expect(404);
    await otherWard.agent.get(`/api/v1/tickets/${ticketId}`).expect(404);
    await request(h.app).get(photo).expect(401);

    await roles.admin.agent
      .patch(`/api/v1/tickets/${ticketId}`)
      .set('X-CSRF-Token', roles.admin.csrf)
      .send({ confidential: true })
      .expect(200);
    try {
      const viewerGets = await roles.viewer.agent.get(photo).expect(404);
      assert.equal(viewerGets.body.error.code, 'not-found');
      // The unit still reads a confidential ticket's text, so it sees its photos.
      await roles.official.agent.get(photo).expect(200);
    } finally {
      await roles.admin.agent
        .patch(`/api/v1/tickets/${ticketId}`)
        .set('X-CSRF-Token', roles.admin.csrf)
        .send({ confidential: false })
        .expect(200);
    }
    const xuandinh = await h.knex('users').where({ username: 'xuandinh' }).first('id');
    assert.equal(
      await countRows(h.knex, 'audit_log', { action: 'ticket.view-photo', user_id: xuandinh.id }),
      0,
      'a refused request shows and audits nothing',
    );
  });

  it('answers a photo the ticket does not have with 404, and a number past 3 with 400', async () => {
    const missing = await roles.admin.agent.get(`/api/v1/tickets/${ticketId}/photos/3`).expect(404);
    assert.equal(missing.body.error.code, 'not-found');
    const wrong = await roles.admin.agent.get(`/api/v1/tickets/${ticketId}/photos/4`).expect(400);
    assert.equal(wrong.body.error.details.issues[0].path, 'n');
  });

  it('keeps nothing to show once retention deleted the photos, and says when', async () => {
    const retention = new RetentionJob({
      knex: h.knex,
      logger: createSilentLogger(),
      retentionDays: 30,
      timeZone: 'Asia/Ho_Chi_Minh',
      now: () => new Date(NOW.getTime() + 31 * 24 * 3600_000),
    });
    const run = await retention.run();
    assert.equal(run.photos, 2);
    await roles.admin.agent.get(`/api/v1/tickets/${ticketId}/photos/1`).expect(404);
    const res = await roles.admin.agent.get(`/api/v1/tickets/${ticketId}`).expect(200);
    assert.deepEqual(
      res.body.photos.map((photo: { url: string | null; expiredAt: string | null }) => [
        photo.url,
        photo.expiredAt,
      ]),
      [
        [null, '2027-01-03T02:00:00.000Z'],
        [null, '2027-01-03T02:00:00.000Z'],
      ],
    );
    const tracked = res.body.events.find((event: { kind: string }) => event.kind === 'photos.expired');
    assert.deepEqual(tracked.data, { photos: [1, 2], retentionDays: 30 });
  });
});
