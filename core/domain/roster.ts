import { localWeekdayAndMinute } from './calendar';
import { type DialTarget, dialTargetToString } from './dial-target';

export interface RosterUnit {
  id: number;
  code: string;
  name: string;
  active: boolean;
  fallbackUnitId: number | null;
}

export interface RosterContact {
  id: number;
  unitId: number;
  name: string;
  dial: DialTarget;
  confirmAnswer: boolean;
  active: boolean;
}

export interface WeeklyShift {
  contactId: number;
  unitId: number;
  /** ISO 1 = Monday .. 7 = Sunday, local */
  weekday: number;
  /** 0..1439 */
  startMinute: number;
  /** 1..1440; <= startMinute means the shift crosses midnight into the next day */
  endMinute: number;
  /** lower rings first */
  priority: number;
}

export interface DutyOverride {
  unitId: number;
  /** null = nobody of this unit in that window */
  contactId: number | null;
  startsAt: Date;
  /** exclusive */
  endsAt: Date;
  priority: number;
}

export interface RosterSnapshot {
  units: RosterUnit[];
  contacts: RosterContact[];
  shifts: WeeklyShift[];
  overrides: DutyOverride[];
}

/** The roster and the menu's other key: the confidential complaint to the chairman (null: none). */
export interface MenuSnapshot extends RosterSnapshot {
  confidentialCode: string | null;
  /** Why the stored key was not taken (it is not a dial code), so the menu offers none; else null. */
  confidentialCodeRefused: string | null;
}

export interface DutyTarget {
  contactId: number;
  /** the unit whose roster put this contact on duty (the fallback unit for fallback targets) */
  unitId: number;
  contactName: string;
  dial: DialTarget;
  confirmAnswer: boolean;
  isFallback: boolean;
}

/** How the resolver reads a snapshot; the scanning and the indexed forms differ only here. */
interface RosterLookup {
  unit(unitId: number): RosterUnit | undefined;
  contact(contactId: number): RosterContact | undefined;
  shiftsOf(unitId: number): readonly WeeklyShift[];
  overridesOf(unitId: number): readonly DutyOverride[];
}

interface Candidate {
  contactId: number;
  priority: number;
}

/**
 * Who to ring, in order, for a call to `unitId` at `at`: the unit's own on-duty contacts, then its
 * fallback unit's, following the fallback chain. Reads the whole snapshot on every call; use
 * RosterIndex on the call path.
 *
 * - The weekly plan is wall-clock time in `timeZone`; a shift ending at or before its start runs
 *   past midnight into the next day.
 * - When any override of a unit covers `at`, the covering overrides replace that unit's weekly plan;
 *   those with contactId null add nobody, so a lone null override sends calls straight to fallback.
 * - Order: priority, then contact id. Inactive or unknown contacts are skipped; a contact or a dial
 *   target already listed is not listed again.
 * - An inactive unit contributes nobody of its own but still passes calls to its fallback, so a
 *   call is never dropped because a unit was switched off. An unknown unit gives [].
 */
export function onDutyTargets(
  snapshot: RosterSnapshot,
  unitId: number,
  at: Date,
  timeZone: string,
): DutyTarget[] {
  return resolveDuty(scanningLookup(snapshot), unitId, at, timeZone);
}

/** The snapshot grouped by unit once, for the IVR's per-call lookups; answers exactly like onDutyTargets. */
export class RosterIndex {
  readonly #lookup: RosterLookup;

  constructor(snapshot: RosterSnapshot) {
    const units = new Map(snapshot.units.map((unit) => [unit.id, unit]));
    const contacts = new Map(snapshot.contacts.map((contact) => [contact.id, contact]));
    const shifts = groupByUnit(snapshot.shifts);
    const overrides = groupByUnit(snapshot.overrides);
    this.#lookup = {
      unit: (id) => units.get(id),
      contact: (id) => contacts.get(id),
      shiftsOf: (id) => shifts.get(id) ?? [],
      overridesOf: (id) => overrides.get(id) ?? [],
    };
  }

  onDuty(unitId: number, at: Date, timeZone: string): DutyTarget[] {
    return resolveDuty(this.#lookup, unitId, at, timeZone);
  }
}

function scanningLookup(snapshot: RosterSnapshot): RosterLookup {
  return {
    unit: (id) => snapshot.units.find((unit) => unit.id === id),
    contact: (id) => snapshot.contacts.find((contact) => contact.id === id),
    shiftsOf: (id) => snapshot.shifts.filter((shift) => shift.unitId === id),
    overridesOf: (id) => snapshot.overrides.filter((override) => override.unitId === id),
  };
}

function groupByUnit<T extends { unitId: number }>(items: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(item.unitId);
    if (group) group.push(item);
    else groups.set(item.unitId, [item]);
  }
  return groups;
}

function resolveDuty(lookup: RosterLookup, unitId: number, at: Date, timeZone: string): DutyTarget[] {
  if (lookup.unit(unitId) === undefined) return [];
  const local = localWeekdayAndMinute(at, timeZone);
  const targets: DutyTarget[] = [];
  const seenContacts = new Set<number>();
  const seenDials = new Set<string>();
  const visitedUnits = new Set<number>();

  let unit = lookup.unit(unitId);
  while (unit !== undefined && !visitedUnits.has(unit.id)) {
    visitedUnits.add(unit.id);
    const candidates = unit.active ? unitCandidates(lookup, unit.id, at, local) : [];
    for (const candidate of candidates) {
      const contact = lookup.contact(candidate.contactId);
      if (contact === undefined || !contact.active || seenContacts.has(contact.id)) continue;
      const dialKey = dialTargetToString(contact.dial);
      if (seenDials.has(dialKey)) continue;
      seenContacts.add(contact.id);
      seenDials.add(dialKey);
      targets.push({
        contactId: contact.id,
        unitId: unit.id,
        contactName: contact.name,
        dial: contact.dial,
        confirmAnswer: contact.confirmAnswer,
        isFallback: unit.id !== unitId,
      });
    }
    unit = unit.fallbackUnitId === null ? undefined : lookup.unit(unit.fallbackUnitId);
  }
  return targets;
}

/** One unit's own contacts on duty at `at`, best first, each contact once at its best priority. */
function unitCandidates(
  lookup: RosterLookup,
  unitId: number,
  at: Date,
  local: { weekday: number; minute: number },
): Candidate[] {
  const time = at.getTime();
  const covering = lookup
    .overridesOf(unitId)
    .filter((override) => override.startsAt.getTime() <= time && time < override.endsAt.getTime());
  const candidates: Candidate[] =
    covering.length > 0
      ? covering.flatMap((o) =>
          o.contactId === null ? [] : [{ contactId: o.contactId, priority: o.priority }],
        )
      : lookup
          .shiftsOf(unitId)
          .filter((shift) => shiftCovers(shift, local.weekday, local.minute))
          .map((shift) => ({ contactId: shift.contactId, priority: shift.priority }));

  const best = new Map<number, Candidate>();
  for (const candidate of candidates) {
    const known = best.get(candidate.contactId);
    if (known === undefined || candidate.priority < known.priority) best.set(candidate.contactId, candidate);
  }
  return [...best.values()].sort((a, b) => a.priority - b.priority || a.contactId - b.contactId);
}

export function shiftCovers(shift: WeeklyShift, weekday: number, minute: number): boolean {
  const crossesMidnight = shift.endMinute <= shift.startMinute;
  if (shift.weekday === weekday && minute >= shift.startMinute) {
    return crossesMidnight || minute < shift.endMinute;
  }
  const previousWeekday = weekday === 1 ? 7 : weekday - 1;
  return crossesMidnight && shift.weekday === previousWeekday && minute < shift.endMinute;
}
