import assert from 'node:assert/strict';
import request from 'supertest';
import { createSilentLogger } from '../../core/logger';
import { createApp } from '../../server/app';
import type { HealthSource } from '../../server/health';
import { metricsApp } from '../../server/metrics/metrics.http';
import { HotlineMetrics } from '../../server/metrics/metrics.registry';
import { eventually, sound, useIvr } from '../ivr/ivr-harness';
import { answers } from '../support/asterisk';
import { parsePrometheusText, sampleValue } from '../support/prometheus';

const TOKEN = 'metrics-token-for-the-test-0123';
const citizen = { from: '0912345678', to: '0889009412' };

describe('/metrics: Prometheus counters moving as the emulator places calls', () => {
  const metrics = new HotlineMetrics();
  let outboxDepth = 0;
  const h = useIvr({}, { callMetrics: () => metrics });

  before(() => {
    const ami: HealthSource = { name: 'ami', health: () => ({ status: 'down' }) };
    metrics.watch({
      callsInProgress: () => h.ivr().activeCalls,
      outboxDepth: () => outboxDepth,
      connections: () => [h.ivr(), ami].map((source) => ({ name: source.name, health: source.health() })),
    });
  });

  const app = () =>
    createApp({
      logger: createSilentLogger(),
      db: h.db().db,
      healthSources: [h.ivr()],
      metrics: { registry: metrics.registry, token: TOKEN },
    });

  async function scrape() {
    const res = await request(app()).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    assert.match(res.headers['content-type'] ?? '', /^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(res.text);
  }

  it('refuses a scrape without the bearer token, or with a wrong one', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${TOKEN}`]) {
      const req = request(app()).get('/metrics');
      const res = await (authorization ? req.set('Authorization', authorization) : req).expect(401);
      assert.equal(res.body.error.code, 'unauthorized');
      assert.equal(res.headers['www-authenticate'], 'Bearer realm="metrics"');
    }
  });

  it('counts calls by outcome and unit, the time to answer, and calls in progress', async () => {
    const before = (await scrape()).samples;
    const answeredBefore =
      sampleValue(before, 'hotline_calls_total', { outcome: 'answered', unit: '12' }) ?? 0;
    const histogramBefore = sampleValue(before, 'hotline_call_answer_seconds_count', { unit: '12' }) ?? 0;

    h.asterisk().endpoint('PJSIP/ward12', answers({ afterMs: 10, hangsUpAfterMs: 400 }));
    const answered = await h.asterisk().placeCall(citizen);
    await answered.waitForPlayback(sound('menu'));
    const during = await scrape();
    assert.equal(sampleValue(during.samples, 'hotline_calls_in_progress'), 1);
    assert.equal(during.types.get('hotline_calls_in_progress'), 'gauge');
    await answered.press('12#');
    await answered.waitForPlayback(sound('survey'));
    answered.hangup();
    await h.finalTicket(answered.id);

    const abandoned = await h.asterisk().placeCall(citizen);
    await abandoned.waitForPlayback(sound('menu'));
    abandoned.hangup();
    await h.finalTicket(abandoned.id);
    await eventually(() => h.ivr().activeCalls === 0, 'both calls to be released');

    const after = await scrape();
    assert.equal(after.types.get('hotline_calls_total'), 'counter');
    assert.equal(after.types.get('hotline_call_answer_seconds'), 'histogram');
    assert.equal(
      sampleValue(after.samples, 'hotline_calls_total', { outcome: 'answered', unit: '12' }),
      answeredBefore + 1,
    );
    assert.equal(
      sampleValue(after.samples, 'hotline_calls_total', { outcome: 'abandoned', unit: 'none' }),
      1,
    );
    assert.equal(
      sampleValue(after.samples, 'hotline_call_answer_seconds_count', { unit: '12' }),
      histogramBefore + 1,
    );
    assert.equal(
      sampleValue(after.samples, 'hotline_call_answer_seconds_bucket', { unit: '12', le: '+Inf' }),
      histogramBefore + 1,
    );
    assert.equal(sampleValue(after.samples, 'hotline_calls_in_progress'), 0);
  });

  it('shows the ARI and AMI connection states, the outbox depth and digest sends', async () => {
    outboxDepth = 3;
    metrics.digestSent('weekly', 'success');
    metrics.digestSent('monthly', 'failure');
    const { samples } = await scrape();
    assert.equal(sampleValue(samples, 'hotline_connection_up', { component: 'ari' }), 1);
    assert.equal(sampleValue(samples, 'hotline_connection_up', { component: 'ami' }), 0);
    assert.equal(sampleValue(samples, 'hotline_ticket_outbox_depth'), 3);
    assert.equal(
      sampleValue(samples, 'hotline_digest_sends_total', { kind: 'weekly', result: 'success' }),
      1,
    );
    assert.equal(
      sampleValue(samples, 'hotline_digest_sends_total', { kind: 'monthly', result: 'failure' }),
      1,
    );
    assert.ok((sampleValue(samples, 'hotline_process_resident_memory_bytes') ?? 0) > 0, 'process metrics');
  });

  it('serves the same registry on the loopback metrics port app, not on the main app without a token', async () => {
    const res = await request(metricsApp(metrics.registry, undefined, createSilentLogger()))
      .get('/metrics')
      .expect(200);
    assert.ok(sampleValue(parsePrometheusText(res.text).samples, 'hotline_calls_in_progress') !== undefined);
    await request(createApp({ logger: createSilentLogger(), db: h.db().db, healthSources: [] }))
      .get('/metrics')
      .expect(404);
  });
});
