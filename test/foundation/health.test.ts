import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { openDatabase } from '../../core/db/database';
import { issue, TakenError, ValidationError } from '../../core/errors';
import { createLogger, createSilentLogger, type Logger } from '../../core/logger';
import { createApp } from '../../server/app';
import { renderError } from '../../server/middleware/errors';
import { requestContext } from '../../server/middleware/request-context';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { freePort } from '../support/processes';

/** A JSON logger whose lines the test reads back. */
type LogLine = Record<string, unknown>;

function capturedLogger(level = 'http'): { logger: Logger; lines: () => LogLine[] } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  const logger = createLogger({ level, format: 'json', stream });
  return {
    logger,
    lines: () =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as LogLine),
  };
}

/** winston hands lines to its stream a few ticks after the response is finished. */
async function waitForLine(lines: () => LogLine[], matches: (line: LogLine) => boolean): Promise<LogLine> {
  for (let tick = 0; tick < 1000; tick += 1) {
    const found = lines().find(matches);
    if (found) return found;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.fail('no log line matched');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the HTTP app', () => {
  let test: TestDatabase;
  let app: express.Express;
  let log: ReturnType<typeof capturedLogger>;

  before(async () => {
    test = await createTestDatabase();
    log = capturedLogger();
    app = createApp({
      logger: log.logger,
      db: test.db,
      healthSources: [
        { name: 'ari', health: () => ({ status: 'disabled', reason: 'ARI_URL is not set' }) },
        {
          name: 'ticketOutbox',
          health: () => ({ status: 'up', backlog: 0, location: '/srv/hotline/data/ticket-outbox' }),
        },
        { name: 'mail', health: () => ({ status: 'up', transport: 'files under /srv/hotline/data/outbox' }) },
      ],
    });
  });
  after(async () => test?.drop());

  it('answers /healthz with 200 while the database answers', async () => {
    const res = await request(app).get('/healthz').expect(200).expect('Content-Type', /json/);
    assert.equal(res.body.status, 'ok');
    assert.equal(typeof res.body.uptimeSeconds, 'number');
    assert.deepEqual(res.body.db, { status: 'up' });
    assert.deepEqual(res.body.ari, { status: 'disabled' });
  });

  it('shows strangers on /healthz the state of each part only, no directory of DATA_DIR', async () => {
    const res = await request(app).get('/healthz').expect(200);
    assert.deepEqual(res.body.ticketOutbox, { status: 'up' });
    assert.deepEqual(res.body.mail, { status: 'up' });
    assert.doesNotMatch(JSON.stringify(res.body), /srv\/hotline|data\//);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await request(app).get('/no/such/page').expect(404).expect('Content-Type', /json/);
    assert.equal(res.body.error.code, 'not-found');
    assert.equal(res.body.error.message, 'route GET /no/such/page was not found');
  });

  it('refuses malformed JSON with a 400 before any routing, even on an unknown path', async () => {
    // express.json() runs before the routes, so the body is judged before the 404 would be.
    const res = await request(app)
      .post('/no/such/endpoint')
      .set('Content-Type', 'application/json')
      .send('{"username": "admin", ')
      .expect(400)
      .expect('Content-Type', /json/);
    assert.equal(res.body.error.code, 'invalid-json');
    assert.match(res.body.error.message, /^Request body rejected: /);
  });

  it('reaches the 404 when a POST body is well-formed JSON', async () => {
    const res = await request(app).post('/no/such/endpoint').send({ username: 'admin' }).expect(404);
    assert.equal(res.body.error.code, 'not-found');
  });

  it('refuses a body over 1 MB as a client error', async () => {
    const res = await request(app)
      .post('/no/such/endpoint')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(1024 * 1024) }))
      .expect(413);
    assert.equal(res.body.error.code, 'bad-request');
  });

  it('echoes a sane X-Request-Id and uses it in the access log', async () => {
    const res = await request(app).get('/healthz').set('X-Request-Id', 'call-1700000000.42').expect(200);
    assert.equal(res.headers['x-request-id'], 'call-1700000000.42');
    const access = await waitForLine(log.lines, (line) => line.reqId === 'call-1700000000.42');
    assert.equal(access.level, 'http');
    assert.equal(access.method, 'GET');
    assert.equal(access.path, '/healthz');
    assert.equal(access.status, 200);
  });

  it('writes no access line at the info level, the default', async () => {
    const quiet = capturedLogger('info');
    const plain = express();
    plain.use(requestContext(quiet.logger));
    plain.get('/ping', (_req, res) => {
      res.json({ ok: true });
    });
    await request(plain).get('/ping').set('X-Request-Id', 'quiet-1').expect(200);
    quiet.logger.info('after the request');
    await waitForLine(quiet.lines, (line) => line.message === 'after the request');
    assert.deepEqual(
      quiet.lines().map((line) => line.message),
      ['after the request'],
    );
  });

  const insane = ['has spaces in it', 'x'.repeat(65), '<script>'];
  for (const incoming of insane) {
    it(`replaces an X-Request-Id it cannot trust (${JSON.stringify(incoming.slice(0, 20))})`, async () => {
      const res = await request(app).get('/healthz').set('X-Request-Id', incoming).expect(200);
      assert.match(res.headers['x-request-id'] ?? '', UUID);
    });
  }

  it('generates a fresh request id for every request without one, errors included', async () => {
    const first = await request(app).get('/healthz');
    const second = await request(app).get('/missing');
    assert.match(first.headers['x-request-id'] ?? '', UUID);
    assert.match(second.headers['x-request-id'] ?? '', UUID);
    assert.notEqual(first.headers['x-request-id'], second.headers['x-request-id']);
  });
});

describe('/healthz with a database that is gone', () => {
  let test: TestDatabase;

  before(async () => {
    test = await createTestDatabase();
    await test.db.close();
  });
  after(async () => test?.drop());

  it('answers 503 with the database down', async () => {
    const app = createApp({ logger: createSilentLogger(), db: test.db, healthSources: [] });
    const res = await request(app).get('/healthz').expect(503).expect('Content-Type', /json/);
    assert.equal(res.body.status, 'unavailable');
    assert.deepEqual(res.body.db, { status: 'down' });
  });

  it('answers 503 when no PostgreSQL server listens where DATABASE_URL points', async () => {
    const db = await openDatabase({
      kind: 'postgres',
      url: `postgres://hotline@127.0.0.1:${await freePort()}/x`,
    });
    try {
      const app = createApp({ logger: createSilentLogger(), db, healthSources: [] });
      const health = await request(app).get('/healthz').expect(503);
      assert.deepEqual(health.body.db, { status: 'down' });
      const readiness = await request(app).get('/readyz').expect(503);
      assert.equal(readiness.body.db.kind, 'postgres');
      assert.match(readiness.body.db.error, /ECONNREFUSED/);
    } finally {
      await db.close();
    }
  });
});

describe('renderError', () => {
  // A throwaway app around the real middleware: createApp has no route that throws.
  const app = express();
  app.use(requestContext(createSilentLogger()));
  app.get('/validation', () => {
    throw new ValidationError('query', [issue('unit', 'invalid-format', 'must be digits')]);
  });
  app.get('/conflict', () => {
    throw new TakenError('username-taken', 'username', 'a', 'username "a" is already taken');
  });
  app.get('/crash', () => {
    throw new Error('secret internals: connection string postgres://u:pw@db');
  });
  app.use(renderError);

  it('renders an AppError with its status, code, params and details', async () => {
    const res = await request(app).get('/validation').expect(400);
    assert.deepEqual(res.body, {
      error: {
        code: 'validation-failed',
        message: 'Invalid query: unit: must be digits',
        params: { field: 'unit' },
        details: {
          issues: [{ path: 'unit', code: 'invalid-format', params: {}, message: 'must be digits' }],
        },
      },
    });
    const taken = (await request(app).get('/conflict').expect(409)).body.error;
    assert.deepEqual([taken.code, taken.params], ['username-taken', { field: 'username', value: 'a' }]);
  });

  it('renders anything else as a 500 that names the request, not the cause', async () => {
    const res = await request(app).get('/crash').set('X-Request-Id', 'req-500').expect(500);
    assert.deepEqual(res.body, {
      error: { code: 'internal', message: 'Internal error', params: {}, details: { reqId: 'req-500' } },
    });
  });
});
