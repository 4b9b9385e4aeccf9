import type { CallTicketSnapshot } from './call-ticket';
import type { TicketSink } from './ticket-recorder';

/**
 * What the service counts about finished calls. A port, so the call side never imports a metrics
 * library: server/metrics implements it with prom-client.
 */
export interface CallMetrics {
  callFinished(call: CallTicketSnapshot): void;
}

/**
 * The ticket sink with a tap on the call's last write (the one that carries the outcome), which is
 * where a call is final: counted once per call, by the live path only (outbox replays are not calls).
 */
export function meteredTicketSink(sink: TicketSink, metrics: CallMetrics): TicketSink {
  return {
    record(write) {
      const stored = sink.record(write);
      if (write.snapshot.outcome !== null) metrics.callFinished(write.snapshot);
      return stored;
    },
  };
}
