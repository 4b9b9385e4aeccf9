import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { CallMetrics } from '../../core/tickets/call-metrics';
import type { CallTicketSnapshot } from '../../core/tickets/call-ticket';
import type { ComponentHealth } from '../health';
import type { DigestMetrics } from '../jobs/digest.scheduler';

/** The running parts whose state the gauges read at scrape time. */
export interface GaugeSources {
  callsInProgress(): number;
  outboxDepth(): number;
  /** ARI and AMI as /healthz reports them; a disabled connection is left out. */
  connections(): Array<{ name: string; health: ComponentHealth }>;
}

const ANSWER_BUCKETS_SECONDS = [2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300];

/**
 * The service's Prometheus metrics in a registry of its own (prom-client's global registry would
 * be a module singleton shared by every test in the process). Counters move as calls finish and
 * digests go out; gauges are read from the running parts when Prometheus scrapes.
 */
export class HotlineMetrics implements CallMetrics, DigestMetrics {
  readonly registry = new Registry();
  private readonly calls: Counter<'outcome' | 'unit'>;
  private readonly answerSeconds: Histogram<'unit'>;
  private readonly digests: Counter<'kind' | 'result'>;

  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.calls = new Counter({
      name: 'hotline_calls_total',
      help: 'Finished citizen calls by outcome and by the unit code dialed ("none" before a unit was chosen)',
      labelNames: ['outcome', 'unit'],
      registers,
    });
    this.answerSeconds = new Histogram({
      name: 'hotline_call_answer_seconds',
      help: 'Time from the call reaching the IVR to an official taking it, for answered calls',
      labelNames: ['unit'],
      buckets: ANSWER_BUCKETS_SECONDS,
      registers,
    });
    this.digests = new Counter({
      name: 'hotline_digest_sends_total',
      help: 'Digest and monthly report sends by kind and result',
      labelNames: ['kind', 'result'],
      registers,
    });
    if (options.processMetrics ?? true)
      collectDefaultMetrics({ register: this.registry, prefix: 'hotline_' });
  }

  callFinished(call: CallTicketSnapshot): void {
    const unit = call.dialedCode ?? 'none';
    this.calls.inc({ outcome: call.outcome ?? 'unknown', unit });
    if (call.answeredAt) {
      const seconds = (call.answeredAt.getTime() - call.receivedAt.getTime()) / 1000;
      this.answerSeconds.observe({ unit }, Math.max(0, seconds));
    }
  }

  digestSent(kind: string, result: 'success' | 'failure'): void {
    this.digests.inc({ kind, result });
  }

  /** Registers the gauges over the running parts; called once by the composition root. */
  watch(sources: GaugeSources): void {
    const registers = [this.registry];
    new Gauge({
      name: 'hotline_calls_in_progress',
      help: 'Citizen calls the IVR is carrying now',
      registers,
      collect() {
        this.set(sources.callsInProgress());
      },
    });
    new Gauge({
      name: 'hotline_ticket_outbox_depth',
      help: 'Ticket writes waiting in the local outbox for the database',
      registers,
      collect() {
        this.set(sources.outboxDepth());
      },
    });
    new Gauge({
      name: 'hotline_connection_up',
      help: 'Whether the connection to Asterisk is up (1) or not (0), by component (ari, ami)',
      labelNames: ['component'],
      registers,
      collect() {
        this.reset();
        for (const { name, health } of sources.connections()) {
          if (health.status !== 'disabled') this.set({ component: name }, health.status === 'up' ? 1 : 0);
        }
      },
    });
  }
}
