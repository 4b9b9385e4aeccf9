import assert from 'node:assert/strict';
import express from 'express';
import request from 'supertest';
import { createApp } from '../../server/app';
import { renderError } from '../../server/middleware/errors';
import { requestContext } from '../../server/middleware/request-context';
import { capturedLogger, waitForLine } from '../support/captured-logger';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('error logging: enough to find the cause, never a body (issue 11, item 9)', () => {
  let test: TestDatabase;
  before(async () => {
    test = await createTestDatabase();
  });
  after(async () => test?.drop());

  function appThrowing(error: Error) {
    const log = capturedLogger();
    const app = express();
    app.use(requestContext(log.logger));
    app.get('/boom/:id', () => {
      throw error;
    });
    app.use(renderError);
    return { app, log };
  }

  it('logs an unhandled error with its message, stack, method, path and request id', async () => {
    const { app, log } = appThrowing(new TypeError('cannot read the roster of undefined'));
    await request(app).get('/boom/7?q=0912345678').set('X-Request-Id', 'req-500').expect(500);
    const line = await waitForLine(log.lines, (l) => l.message === 'unhandled error');
    assert.equal(line.level, 'error');
    assert.equal(line.reqId, 'req-500');
    assert.equal(line.method, 'GET');
    assert.equal(line.path, '/boom/7');
    const detail = line.error as Record<string, unknown>;
    assert.equal(detail.name, 'TypeError');
    assert.equal(detail.message, 'cannot read the roster of undefined');
    assert.match(String(detail.stack), /TypeError: cannot read the roster of undefined\n\s+at /);
    assert.doesNotMatch(JSON.stringify(line), /0912345678/, 'the query string stays out of the log');
  });

  it("logs a middleware's 4xx as a warn line with its reason, not the body the error object carries", async () => {
    const refused = Object.assign(new Error('request entity too large'), {
      status: 413,
      type: 'entity.too.large',
      body: '{"password":"hunter2"}',
    });
    const { app, log } = appThrowing(refused);
    const res = await request(app).get('/boom/1').set('X-Request-Id', 'req-413').expect(413);
    assert.equal(res.body.error.code, 'bad-request');
    const line = await waitForLine(log.lines, (l) => l.reqId === 'req-413');
    assert.equal(line.level, 'warn');
    assert.equal(line.reason, 'entity.too.large: request entity too large');
    assert.equal(line.path, '/boom/1');
    assert.doesNotMatch(JSON.stringify(log.lines()), /hunter2/);
  });

  it('logs a refused body with a warn line giving the reason, without the body or the password in it', async () => {
    const log = capturedLogger();
    const app = createApp({ logger: log.logger, db: test.db, healthSources: [] });
    await request(app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .set('X-Request-Id', 'req-json')
      .send('{"username":"admin","password":"hunter2-secret" oops}')
      .expect(400);
    const json = await waitForLine(log.lines, (l) => l.reqId === 'req-json' && l.level === 'warn');
    assert.deepEqual(
      { message: json.message, status: json.status, code: json.code, method: json.method, path: json.path },
      {
        message: 'request refused',
        status: 400,
        code: 'invalid-json',
        method: 'POST',
        path: '/api/v1/auth/login',
      },
    );
    assert.match(String(json.reason), /^not valid JSON at position \d+$/);
    assert.doesNotMatch(JSON.stringify(log.lines()), /hunter2/);

    await request(app)
      .post('/api/v1/units')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .set('X-Request-Id', 'req-gzip')
      .send('{"name":"not gzip"}')
      .expect(400);
    const gzip = await waitForLine(log.lines, (l) => l.reqId === 'req-gzip' && l.level === 'warn');
    assert.equal(gzip.code, 'invalid-content-encoding');
    assert.match(String(gzip.reason), /^Z_DATA_ERROR: /);
  });
});
