import { DateTime } from 'luxon';
import type { DialTarget } from '../../core/domain/dial-target';
import type {
  DutyOverride,
  DutyTarget,
  RosterContact,
  RosterSnapshot,
  RosterUnit,
  WeeklyShift,
} from '../../core/domain/roster';

export const HANOI = 'Asia/Ho_Chi_Minh';

/** An instant given as Hanoi wall-clock time, e.g. hanoi('2026-11-23T08:00') (a Monday). */
export const hanoi = (local: string): Date => DateTime.fromISO(local, { zone: HANOI }).toJSDate();

/** '1001@1' for a unit's own contact, '10001@100*' for a fallback one: short enough for tables. */
export const summary = (targets: DutyTarget[]): string[] =>
  targets.map((t) => `${t.contactId}@${t.unitId}${t.isFallback ? '*' : ''}`);

export const DISTRICT = 100;
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7];
const WORKDAYS = [1, 2, 3, 4, 5];
const minute = (hhmm: string): number => {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

const unit = (id: number, fallbackUnitId: number | null, active = true): RosterUnit => ({
  id,
  code: String(id),
  name: `Đơn vị ${id}`,
  active,
  fallbackUnitId,
});

const phone = (e164: string): DialTarget => ({ kind: 'phone', e164 });

const contact = (id: number, unitId: number, dial: DialTarget, active = true): RosterContact => ({
  id,
  unitId,
  name: `Cán bộ ${id}`,
  dial,
  confirmAnswer: id % 2 === 1,
  active,
});

const shifts = (
  contactId: number,
  unitId: number,
  weekdays: number[],
  from: string,
  to: string,
  priority: number,
): WeeklyShift[] =>
  weekdays.map((weekday) => ({
    contactId,
    unitId,
    weekday,
    startMinute: minute(from),
    endMinute: to === '24:00' ? 1440 : minute(to),
    priority,
  }));

const override = (
  unitId: number,
  contactId: number | null,
  from: string,
  to: string,
  priority: number,
): DutyOverride => ({ unitId, contactId, startsAt: hanoi(from), endsAt: hanoi(to), priority });

/**
 * District 100 answers round the clock. Ward 1 has a day team, a night endpoint crossing midnight and
 * a weekend deputy; ward 2 has a Tết override; 3 is switched off; 4 and 5 fall back to each other;
 * 6 to itself; 7 to a unit that does not exist; 8 to ward 1 (a two-step chain); 9 has no roster.
 */
export const SNAPSHOT: RosterSnapshot = {
  units: [
    unit(DISTRICT, null),
    unit(1, DISTRICT),
    unit(2, DISTRICT),
    unit(3, DISTRICT, false),
    unit(4, 5),
    unit(5, 4),
    unit(6, 6),
    unit(7, 999),
    unit(8, 1),
    unit(9, DISTRICT),
  ],
  contacts: [
    contact(10001, DISTRICT, phone('+84900000000')),
    contact(10002, DISTRICT, phone('+84900000001')),
    contact(1001, 1, phone('+84900101001')),
    contact(1002, 1, phone('+84900101002')),
    contact(1003, 1, phone('+84900101003'), false),
    contact(1004, 1, { kind: 'endpoint', endpoint: 'PJSIP/ward1' }),
    contact(2001, 2, phone('+84900102001')),
    // shares the district duty phone: rung once, as ward 2's
    contact(2002, 2, phone('+84900000000')),
    contact(3001, 3, phone('+84900103001')),
    contact(4001, 4, phone('+84900104001')),
    contact(5001, 5, phone('+84900105001')),
    contact(6001, 6, phone('+84900106001')),
    contact(7001, 7, phone('+84900107001')),
    contact(8001, 8, phone('+84900108001')),
  ],
  shifts: [
    ...shifts(10001, DISTRICT, ALL_WEEK, '00:00', '24:00', 1),
    // Sunday night into Monday morning: crosses the end of the ISO week
    ...shifts(10002, DISTRICT, [7], '22:00', '06:00', 0),
    ...shifts(1001, 1, WORKDAYS, '07:30', '17:00', 1),
    ...shifts(1002, 1, WORKDAYS, '07:30', '17:00', 2),
    ...shifts(1003, 1, WORKDAYS, '07:30', '17:00', 0),
    ...shifts(1004, 1, WORKDAYS, '17:00', '07:30', 1),
    ...shifts(1002, 1, [6, 7], '00:00', '24:00', 1),
    ...shifts(2001, 2, ALL_WEEK, '00:00', '24:00', 1),
    ...shifts(2002, 2, ALL_WEEK, '00:00', '24:00', 2),
    // the same contact twice at once: its best priority counts
    ...shifts(2002, 2, [3], '08:00', '12:00', 0),
    ...shifts(3001, 3, ALL_WEEK, '00:00', '24:00', 1),
    ...shifts(4001, 4, ALL_WEEK, '00:00', '24:00', 1),
    ...shifts(5001, 5, ALL_WEEK, '00:00', '24:00', 1),
    ...shifts(6001, 6, ALL_WEEK, '00:00', '24:00', 1),
    ...shifts(7001, 7, ALL_WEEK, '00:00', '24:00', 1),
    ...shifts(8001, 8, WORKDAYS, '08:00', '17:00', 1),
  ],
  overrides: [
    // National Day: nobody from ward 1 all day, except the deputy for two hours
    override(1, null, '2026-09-02T00:00', '2026-09-03T00:00', 1),
    override(1, 1002, '2026-09-02T14:00', '2026-09-02T16:00', 1),
    // Tết 2027 in ward 2: a district deputy and the ward's second contact, the chairman one day
    override(2, 10002, '2027-02-05T00:00', '2027-02-11T00:00', 1),
    override(2, 2002, '2027-02-05T00:00', '2027-02-11T00:00', 2),
    override(2, 2001, '2027-02-07T08:00', '2027-02-07T12:00', 0),
    // leave for the chairman of ward 1 replaces the plan with the inactive and an unknown contact
    override(1, 1003, '2026-12-01T00:00', '2026-12-02T00:00', 1),
    override(1, 4242, '2026-12-01T00:00', '2026-12-02T00:00', 2),
  ],
};
