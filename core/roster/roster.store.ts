import { confidentialCodeClash, DialCodeIndex } from '../domain/dial-codes';
import { type DutyTarget, type MenuSnapshot, RosterIndex, type RosterUnit } from '../domain/roster';
import type { Logger } from '../logger';

/**
 * The menu as one refresh left it: the codes, the key and the units they name agree with each
 * other. A refresh replaces it whole and never changes one already handed out, so a caller's
 * digits are matched and resolved against the same view however long they take to type.
 */
export interface MenuView {
  /** Every code the menu routes on: the active units' and the confidential complaint key. */
  readonly codes: DialCodeIndex;
  /** The key of the confidential complaint to the chairman; null when the menu offers none. */
  readonly confidentialCode: string | null;
  unitByCode(code: string): RosterUnit | undefined;
}

export interface RosterView {
  /** The menu of the latest refresh, to hold for the length of one menu attempt. */
  menu(): MenuView;
  unitByCode(code: string): RosterUnit | undefined;
  onDuty(unitId: number, at: Date): DutyTarget[];
}

function menuView(units: ReadonlyMap<string, RosterUnit>, confidentialCode: string | null): MenuView {
  const codes = new DialCodeIndex([
    ...units.keys(),
    ...(confidentialCode === null ? [] : [confidentialCode]),
  ]);
  return { codes, confidentialCode, unitByCode: (code) => units.get(code) };
}

/**
 * Routing never waits on the database: units, dial codes and rosters live here in memory and are
 * replaced whole on refresh. A failed refresh keeps the last good copy.
 */
export class RosterStore implements RosterView {
  private index = new RosterIndex({ units: [], contacts: [], shifts: [], overrides: [] });
  private units = new Map<string, RosterUnit>();
  private current = menuView(this.units, null);
  private complaintKeyProblem: string | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly load: (now: Date) => Promise<MenuSnapshot>,
    private readonly timeZone: string,
    private readonly logger: Logger,
  ) {}

  menu(): MenuView {
    return this.current;
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
    const units = new Map(activeUnits.map((unit) => [unit.code, unit]));
    this.current = menuView(units, this.complaintKeyBeside(snapshot, activeUnits));
    this.units = units;
    this.index = new RosterIndex(snapshot);
    this.logger.debug('roster refreshed', { units: activeUnits.length, contacts: snapshot.contacts.length });
  }

  /**
   * The confidential complaint key, unless the stored setting is not a dial code, or a unit took its
   * code since the organisation file was checked (an admin adding one): then the unit keeps its code,
   * and the key is off until the problem is resolved, said once at error level.
   */
  private complaintKeyBeside(snapshot: MenuSnapshot, units: readonly RosterUnit[]): string | null {
    const code = snapshot.confidentialCode;
    const problem =
      snapshot.confidentialCodeRefused ?? (code === null ? null : confidentialCodeClash(code, units));
    if (problem !== null && problem !== this.complaintKeyProblem)
      this.logger.error('the confidential complaint key is off', { problem });
    this.complaintKeyProblem = problem;
    return problem === null ? code : null;
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
