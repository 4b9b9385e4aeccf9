/** Every unit's id by its menu code, as the database holds them now. */
export type UnitIdsByCode = ReadonlyMap<string, number>;

export const DEFAULT_UNIT_CODES_TTL_MS = 10_000;

/**
 * Unit ids by menu code in memory, so the call log's unit filter costs no round trip. Forgotten on
 * every change to units (this instance's, and other instances' `roster_changed` notices); a code
 * it does not know makes it read the units again before the code is called unknown, and the TTL
 * bounds what a lost notice can keep stale (at worst a renamed code still filters its old unit).
 */
export class UnitCodes {
  private known: { ids: UnitIdsByCode; untilMs: number } | undefined;
  private loading: Promise<UnitIdsByCode> | undefined;
  /** Bumped by every forget: a read that began before one must not be kept after it. */
  private epoch = 0;

  constructor(
    private readonly load: () => Promise<UnitIdsByCode>,
    private readonly ttlMs = DEFAULT_UNIT_CODES_TTL_MS,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** The ids of the codes that name a unit; a code missing from the answer names none. */
  async idsOf(codes: readonly string[]): Promise<Map<string, number>> {
    let ids = await this.current();
    if (codes.some((code) => !ids.has(code))) ids = await this.reload();
    const found = new Map<string, number>();
    for (const code of codes) {
      const id = ids.get(code);
      if (id !== undefined) found.set(code, id);
    }
    return found;
  }

  forget(): void {
    this.epoch += 1;
    this.known = undefined;
    this.loading = undefined;
  }

  private current(): Promise<UnitIdsByCode> {
    if (this.known && this.known.untilMs > this.nowMs()) return Promise.resolve(this.known.ids);
    return this.loading ?? this.reload();
  }

  private reload(): Promise<UnitIdsByCode> {
    const epoch = this.epoch;
    const loading = this.load().then(
      (ids) => {
        if (epoch === this.epoch) this.known = { ids, untilMs: this.nowMs() + this.ttlMs };
        if (this.loading === loading) this.loading = undefined;
        return ids;
      },
      (error: unknown) => {
        if (this.loading === loading) this.loading = undefined;
        throw error;
      },
    );
    this.loading = loading;
    return loading;
  }
}
