import { dialTargetToString } from '../../../core/domain/dial-target';
import { officialDialAsSeen } from '../../../core/domain/official-numbers';
import { RosterIndex } from '../../../core/domain/roster';
import { issue, NotFoundError, ValidationError } from '../../../core/errors';
import type { SessionUser } from '../auth/session-user';
import type { RosterChanges } from './roster-changes';
import type { OverrideRow, RostersRepository, ShiftRow } from './rosters.repo';
import type { DutyTargetView, Override, OverrideInput, Shift, ShiftInput } from './rosters.schemas';
import type { UnitsRepository } from './units.repo';
import type { UnitsService } from './units.service';

const pad = (n: number) => String(n).padStart(2, '0');
const clockOf = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
const minuteOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

function shiftOf(row: ShiftRow): Shift {
  return {
    id: row.id,
    contactId: row.contactId,
    weekday: row.weekday,
    start: clockOf(row.startMinute),
    end: clockOf(row.endMinute),
    priority: row.priority,
  };
}

function overrideOf(row: OverrideRow): Override {
  return { ...row, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() };
}

/** Weekly duty grids, dated overrides, and who is on duty at an instant by the IVR's own rule. */
export class RostersService {
  constructor(
    private readonly units: UnitsService,
    private readonly unitsRepo: UnitsRepository,
    private readonly repo: RostersRepository,
    private readonly changes: RosterChanges,
    private readonly timeZone: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async shifts(user: SessionUser, unitId: number): Promise<Shift[]> {
    await this.units.visible(user, unitId);
    return (await this.repo.shifts(unitId)).map(shiftOf);
  }

  async replaceShifts(
    user: SessionUser,
    unitId: number,
    shifts: ShiftInput[],
    ip: string | null,
  ): Promise<Shift[]> {
    await this.units.visible(user, unitId);
    await this.checkContacts(
      unitId,
      shifts.map((shift, index) => [`shifts.${index}.contactId`, shift.contactId]),
    );
    await this.repo.transaction(async (rosters, audit) => {
      await rosters.replaceShifts(
        unitId,
        shifts.map((shift) => ({
          contactId: shift.contactId,
          weekday: shift.weekday,
          startMinute: minuteOf(shift.start),
          endMinute: minuteOf(shift.end),
          priority: shift.priority,
        })),
      );
      await audit.record({
        userId: user.id,
        action: 'roster.shifts-replace',
        entity: 'unit',
        entityId: unitId,
        details: { shifts },
        ip,
      });
    });
    await this.changes.changed(`unit:${unitId}`);
    return this.shifts(user, unitId);
  }

  async overrides(user: SessionUser, unitId: number, from: string | undefined): Promise<Override[]> {
    await this.units.visible(user, unitId);
    return (await this.repo.overrides(unitId, from ? new Date(from) : undefined)).map(overrideOf);
  }

  async createOverride(
    user: SessionUser,
    unitId: number,
    body: OverrideInput,
    ip: string | null,
  ): Promise<Override> {
    await this.units.visible(user, unitId);
    if (body.contactId !== null) await this.checkContacts(unitId, [['contactId', body.contactId]]);
    const created = await this.repo.transaction(async (rosters, audit) => {
      const override = await rosters.createOverride({
        unitId,
        contactId: body.contactId,
        startsAt: new Date(body.startsAt),
        endsAt: new Date(body.endsAt),
        priority: body.priority,
        reason: body.reason,
      });
      await audit.record({
        userId: user.id,
        action: 'roster.override-create',
        entity: 'override',
        entityId: override.id,
        details: { unitId, ...body },
        ip,
      });
      return override;
    });
    await this.changes.changed(`unit:${unitId}`);
    return overrideOf(created);
  }

  async deleteOverride(user: SessionUser, id: number, ip: string | null): Promise<void> {
    const override = await this.repo.findOverride(id);
    if (!override) throw new NotFoundError('override', id);
    await this.units.visible(user, override.unitId);
    await this.repo.transaction(async (rosters, audit) => {
      await rosters.deleteOverride(id);
      await audit.record({
        userId: user.id,
        action: 'roster.override-delete',
        entity: 'override',
        entityId: id,
        details: overrideOf(override),
        ip,
      });
    });
    await this.changes.changed(`unit:${override.unitId}`);
  }

  /** Who the IVR would ring, in order, for a call to this unit at `at` (default now). */
  async onDuty(user: SessionUser, unitId: number, at: string | undefined): Promise<DutyTargetView[]> {
    await this.units.visible(user, unitId);
    const instant = at ? new Date(at) : this.now();
    const index = new RosterIndex(await this.repo.snapshot(instant));
    return index.onDuty(unitId, instant, this.timeZone).map((target) => ({
      contactId: target.contactId,
      unitId: target.unitId,
      contactName: target.contactName,
      dial: officialDialAsSeen(user.role, dialTargetToString(target.dial)),
      confirmAnswer: target.confirmAnswer,
      isFallback: target.isFallback,
    }));
  }

  /** Each contact must belong to the unit whose roster names it; the error names the field. */
  private async checkContacts(unitId: number, refs: Array<[string, number]>): Promise<void> {
    const own = new Set((await this.unitsRepo.contactsOf([unitId])).map((contact) => contact.id));
    const issues = refs
      .filter(([, contactId]) => !own.has(contactId))
      .map(([path, contactId]) =>
        issue(path, 'not-unit-contact', `contact ${contactId} is not a contact of unit ${unitId}`, {
          contactId,
        }),
      );
    const [first, ...rest] = issues;
    if (first) throw new ValidationError('body', [first, ...rest]);
  }
}
