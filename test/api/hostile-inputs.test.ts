import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import request from 'supertest';
import { snapshotTables, type TableSnapshot } from '../support/tables';
import { type ApiHarness, apiHarness, insertTickets, insertUnits, type SignedIn } from './api.fixture';

/** Every table a refused request could touch, so "nothing changed" means every row and column. */
const STORED_TABLES = {
  units: 'id',
  contacts: 'id',
  duty_shifts: 'id',
  duty_overrides: 'id',
  tickets: 'id',
  ticket_events: 'id',
  users: 'id',
} as const;

const snapshot = (knex: Knex): Promise<TableSnapshot> => snapshotTables(knex, STORED_TABLES);

describe('API hostile inputs: a 400 naming the problem, nothing changed (issue 11, items 7 and 8)', () => {
  let h: ApiHarness;
  let admin: SignedIn;
  let unitId: number;
  let contactId: number;
  let ticketId: number;
  let stored: TableSnapshot;

  const withCsrf = (test: request.Test) => test.set('X-CSRF-Token', admin.csrf);

  before(async () => {
    h = await apiHarness();
    const units = await insertUnits(h.knex, [{ code: '1', name: 'Phường Phúc Diễn' }]);
    ({ admin } = await h.signInRoles());
    unitId = units.get('1') as number;
    [contactId] = (
      await h
        .knex('contacts')
        .insert({ unit_id: unitId, name: 'Chủ tịch', dial: 'PJSIP/ward1' })
        .returning('id')
    ).map((row) => row.id as number) as [number];
    [ticketId] = (await insertTickets(h.knex, [
      { code: 'HL-2026-000001', unitId, receivedAt: new Date() },
    ])) as [number];
    stored = await snapshot(h.knex);
  });
  after(async () => h?.test.drop());
  afterEach(async () =>
    assert.deepEqual(await snapshot(h.knex), stored, 'a refused request changed stored rows'),
  );

  function assertRefused(res: request.Response, code: string, path?: string): void {
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.code, code);
    assert.equal(typeof res.body.error.message, 'string');
    if (path)
      assert.deepEqual(
        res.body.error.details.issues.map((issue: { path: string }) => issue.path),
        [path],
      );
  }

  describe('item 7', () => {
    it('a path id with a bad percent-escape is invalid-path, on a read and on a delete', async () => {
      assertRefused(await admin.agent.get('/api/v1/tickets/%ZZ'), 'invalid-path');
      assertRefused(await withCsrf(admin.agent.delete('/api/v1/contacts/%E0%A4%A')), 'invalid-path');
    });

    it('an undecodable session cookie is invalid-cookie on every route, login included, and is cleared', async () => {
      const login = await request(h.app)
        .post('/api/v1/auth/login')
        .set('Cookie', 'hotline_session=%')
        .send({ username: 'admin', password: 'wrong' });
      assertRefused(login, 'invalid-cookie');
      assert.match(String(login.headers['set-cookie']), /hotline_session=;.*Expires=Thu, 01 Jan 1970/);
      assertRefused(
        await request(h.app).get('/api/v1/units').set('Cookie', 'hotline_session=%'),
        'invalid-cookie',
      );
    });

    it('a body that is not what its Content-Encoding says is invalid-content-encoding', async () => {
      const res = await withCsrf(admin.agent.post('/api/v1/units'))
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .send('{"code":"7","name":"Phường","kind":"ward"}');
      assertRefused(res, 'invalid-content-encoding');
    });

    for (const time of ['2026-02-30T00:00:00.000000Z', '0000-01-01T00:00:00.000000Z']) {
      it(`a cursor holding ${time.slice(0, 10)} is a cursor this API never returned`, async () => {
        const cursor = Buffer.from(JSON.stringify([time, 1])).toString('base64url');
        assertRefused(
          await admin.agent.get(`/api/v1/tickets?cursor=${cursor}`),
          'validation-failed',
          'cursor',
        );
      });
    }

    const NUL = 'a\u0000b';
    const textCases: Array<[string, () => request.Test, string]> = [
      ['search', () => admin.agent.get('/api/v1/tickets?q=ab%00cd'), 'q'],
      [
        'summary',
        () => withCsrf(admin.agent.patch(`/api/v1/tickets/${ticketId}`)).send({ summary: NUL }),
        'summary',
      ],
      [
        'note',
        () => withCsrf(admin.agent.post(`/api/v1/tickets/${ticketId}/notes`)).send({ text: NUL }),
        'text',
      ],
      ['unit name', () => withCsrf(admin.agent.patch(`/api/v1/units/${unitId}`)).send({ name: NUL }), 'name'],
      [
        'contact name',
        () =>
          withCsrf(admin.agent.post(`/api/v1/units/${unitId}/contacts`)).send({ name: NUL, dial: 'PJSIP/x' }),
        'name',
      ],
      [
        'override reason',
        () =>
          withCsrf(admin.agent.post(`/api/v1/units/${unitId}/overrides`)).send({
            contactId,
            startsAt: '2026-12-24T00:00:00Z',
            endsAt: '2026-12-25T00:00:00Z',
            reason: NUL,
          }),
        'reason',
      ],
      [
        'login name',
        () => request(h.app).post('/api/v1/auth/login').send({ username: NUL, password: 'x' }),
        'username',
      ],
      [
        'list of notification e-mails',
        () =>
          withCsrf(admin.agent.post(`/api/v1/units`)).send({
            code: '8',
            name: 'P',
            kind: 'ward',
            notifyEmails: ['a@b.vn', NUL],
          }),
        'notifyEmails.1',
      ],
    ];
    for (const [where, send, path] of textCases) {
      it(`a NUL byte in the ${where} is refused naming ${path}`, async () => {
        const res = await send();
        assertRefused(res, 'validation-failed', path);
        assert.match(res.body.error.message, /NUL character/);
      });
    }

    it('a lone UTF-16 surrogate in JSON text is refused naming the field', async () => {
      const res = await withCsrf(admin.agent.post(`/api/v1/tickets/${ticketId}/notes`))
        .set('Content-Type', 'application/json')
        .send('{"text":"gi\\ud800a"}');
      assertRefused(res, 'validation-failed', 'text');
      assert.match(res.body.error.message, /lone UTF-16 surrogate/);
    });

    it('keeps text that is merely unusual: a well-formed surrogate pair, Vietnamese, an emoji', async () => {
      const res = await admin.agent.get(`/api/v1/tickets?q=${encodeURIComponent('Phường 🙂')}`);
      assert.equal(res.status, 200);
    });
  });

  describe('item 8', () => {
    for (const id of ['0x10', '1e3', '%2016', '16%20', '1.0', '-1']) {
      it(`a path id ${decodeURIComponent(id)} is not a plain decimal id`, async () => {
        const spelled =
          id === '0x10' ? `0x${contactId.toString(16)}` : id === '%2016' ? `%20${contactId}` : id;
        assertRefused(
          await withCsrf(admin.agent.delete(`/api/v1/contacts/${spelled}`)),
          'validation-failed',
          'id',
        );
      });
    }

    for (const limit of ['0x10', '1e3', '%2016']) {
      it(`limit=${limit} is refused`, async () => {
        assertRefused(await admin.agent.get(`/api/v1/tickets?limit=${limit}`), 'validation-failed', 'limit');
      });
    }

    it('still takes plain decimal ids and limits', async () => {
      assert.equal((await admin.agent.get(`/api/v1/tickets/${ticketId}`)).status, 200);
      assert.equal((await admin.agent.get('/api/v1/tickets?limit=16')).status, 200);
    });

    for (const at of [
      '0000-01-01T00:00:00Z',
      '1999-12-31T23:59:59Z',
      '2101-01-01T00:00:00Z',
      '2100-12-31T23:00:00-05:00',
    ]) {
      it(`a date-time of ${at} is outside the years 2000 to 2100`, async () => {
        assertRefused(
          await admin.agent.get(`/api/v1/tickets?from=${encodeURIComponent(at)}`),
          'validation-failed',
          'from',
        );
        const due = await withCsrf(admin.agent.patch(`/api/v1/tickets/${ticketId}`)).send({ dueAt: at });
        assertRefused(due, 'validation-failed', 'dueAt');
      });
    }

    it('takes the first and last instants of the range, and refuses week 0000-W01', async () => {
      for (const at of ['2000-01-01T00:00:00Z', '2100-12-31T23:59:59Z']) {
        assert.equal((await admin.agent.get(`/api/v1/tickets?from=${at}`)).status, 200);
      }
      assertRefused(await admin.agent.get('/api/v1/dashboard?week=0000-W01'), 'validation-failed', 'week');
    });
  });
});
