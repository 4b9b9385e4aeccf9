import assert from 'node:assert/strict';
import request from 'supertest';
import type { Database } from '../../core/db/database';
import { createSilentLogger } from '../../core/logger';
import { createApp } from '../../server/app';
import type { ComponentStatus, HealthSource } from '../../server/health';
import { createTestDatabase, type TestDatabase } from '../support/database';

const source = (
  name: string,
  status: ComponentStatus,
  extra: Record<string, unknown> = {},
): HealthSource => ({
  name,
  health: () => ({ status, ...extra }),
});

describe('/readyz: whether this instance should take work', () => {
  let test: TestDatabase;
  before(async () => {
    test = await createTestDatabase();
  });
  after(async () => test?.drop());

  const cases: Array<{
    name: string;
    ari: ComponentStatus;
    ami: ComponentStatus;
    mail: ComponentStatus;
    requireAri: boolean;
    ready: boolean;
  }> = [
    { name: 'everything up', ari: 'up', ami: 'up', mail: 'up', requireAri: true, ready: true },
    { name: 'ARI configured but down', ari: 'down', ami: 'up', mail: 'up', requireAri: true, ready: false },
    {
      name: 'ARI on standby (another instance takes the calls)',
      ari: 'standby',
      ami: 'up',
      mail: 'up',
      requireAri: true,
      ready: true,
    },
    {
      name: 'ARI still connecting',
      ari: 'connecting',
      ami: 'up',
      mail: 'up',
      requireAri: true,
      ready: false,
    },
    {
      name: 'ARI not configured',
      ari: 'disabled',
      ami: 'disabled',
      mail: 'up',
      requireAri: false,
      ready: true,
    },
    {
      name: 'AMI down (calls still ring)',
      ari: 'up',
      ami: 'down',
      mail: 'up',
      requireAri: true,
      ready: true,
    },
    { name: 'mail failing', ari: 'up', ami: 'up', mail: 'down', requireAri: true, ready: true },
  ];

  for (const c of cases) {
    it(`${c.ready ? 200 : 503} when ${c.name}, each part with its state`, async () => {
      const app = createApp({
        logger: createSilentLogger(),
        db: test.db,
        healthSources: [
          source('ari', c.ari),
          source('ami', c.ami),
          source('ticketOutbox', 'up', { backlog: 2 }),
          source('mail', c.mail),
        ],
        requiredForReady: c.requireAri ? ['ari'] : [],
      });
      const res = await request(app)
        .get('/readyz')
        .expect(c.ready ? 200 : 503);
      assert.equal(res.body.status, c.ready ? 'ready' : 'not-ready');
      assert.equal(res.body.db.status, 'up');
      assert.equal(res.body.db.required, true);
      assert.deepEqual(res.body.ari, { status: c.ari, required: c.requireAri });
      assert.deepEqual(res.body.ami, { status: c.ami, required: false });
      assert.deepEqual(res.body.mail, { status: c.mail, required: false });
      assert.deepEqual(res.body.ticketOutbox, { status: 'up', backlog: 2, required: false });
      // Liveness is unchanged: 200 whatever ARI does.
      await request(app).get('/healthz').expect(200);
    });
  }

  it('503 when the database does not answer, while ARI is up', async () => {
    const broken: Database = { ...test.db, ping: () => Promise.reject(new Error('connection refused')) };
    const app = createApp({
      logger: createSilentLogger(),
      db: broken,
      healthSources: [source('ari', 'up')],
      requiredForReady: ['ari'],
    });
    const res = await request(app).get('/readyz').expect(503);
    assert.equal(res.body.db.status, 'down');
    assert.equal(res.body.db.error, 'connection refused');
  });
});
