/**
 * At most `size` ARI requests in flight; the rest wait their turn, first come first served.
 * Asterisk's HTTP server serves 100 sessions by default (http.conf `sessionlimit`) and closes any
 * connection beyond them without an answer; each request in flight holds one (a keep-alive
 * socket), so a burst of calls must not open more than Asterisk can take.
 */
export class RequestSlots {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`request slots must be a whole number ≥ 1 (got ${size})`);
  }

  /**
   * Runs `work` once a slot is free. Work whose `abandoned` signal fires while it waits never runs
   * (its caller gave up on it, e.g. timed out); work already running keeps its slot until it settles.
   */
  async run<T>(work: () => Promise<T>, abandoned?: AbortSignal): Promise<T> {
    if (this.inFlight >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.inFlight += 1;
    try {
      if (abandoned?.aborted) throw abandoned.reason;
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.inFlight -= 1;
    }
  }

  get queued(): number {
    return this.waiting.length;
  }
}
