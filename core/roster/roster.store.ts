import { DialCodeIndex } from '../domain/dial-codes';
import { type DutyTarget, RosterIndex, type RosterSnapshot, type RosterUnit } from '../domain/roster';
import type { Logger } from '../logger';

export interface RosterView {
  readonly codes: DialCodeIndex;
  unitByCode(code: string): RosterUnit | undefined;
  onDuty(unitId: number, at: Date): DutyTarget[];
}

/**
 * Routing never waits on the database: units, dial codes and rosters live here in memory and are
 * replaced whole on refresh. A failed refresh keeps the last good copy.
 */
export class RosterStore implements RosterView {
  private index = new RosterIndex({ units: [], contacts: [], shifts: [], overrides: [] });
  private units = new Map<string, RosterUnit>();
  private codeIndex = new DialCodeIndex([]);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly load: (now: Date) => Promise<RosterSnapshot>,
    private readonly timeZone: string,
    private readonly logger: Logger,
  ) {}

  get codes(): DialCodeIndex {
    return this.codeIndex;
  }

  unitByCode(code: string): RosterUnit | undefined {
    return this.units.get(code);
  }

  /** Every active unit, in code order (the live board lists them). */
  activeUnits(): RosterUnit[] {
    return [...this.units.values()].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  }

  onDuty(unitId: number, at: Date): DutyTarget[] {
    return this.index.onDuty(unitId, at, this.timeZone);
  }

  async refresh(now = new Date()): Promise<void> {
    const snapshot = await this.load(now);
    const activeUnits = snapshot.units.filter((unit) => unit.active);
    this.codeIndex = new DialCodeIndex(activeUnits.map((unit) => unit.code));
    this.units = new Map(activeUnits.map((unit) => [unit.code, unit]));
    this.index = new RosterIndex(snapshot);
    this.logger.debug('roster refreshed', { units: activeUnits.length, contacts: snapshot.contacts.length });
  }

  /** Refreshes on a timer; errors are logged and the previous roster stays in force. */
  startRefreshing(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.refresh().catch((error: Error) =>
        this.logger.warn('roster refresh failed: keeping the previous roster', { error: error.message }),
      );
    }, intervalMs);
    this.timer.unref();
  }

  stopRefreshing(): void {
    clearInterval(this.timer);
  }
}
