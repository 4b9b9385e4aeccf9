/**
 * At most `size` pieces of work at once; the rest wait their turn, first come first served. The
 * ARI client holds its requests in flight under Asterisk's HTTP session limit with it, the citizen
 * site its photo re-encoding under the cores the calls need.
 */
export class WorkSlots {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`work slots must be a whole number ≥ 1 (got ${size})`);
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
