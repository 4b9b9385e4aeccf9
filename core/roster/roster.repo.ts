import type { Knex } from 'knex';
import { DEFAULT_CONFIDENTIAL_CODE, DIAL_CODE_RULE, isDialCode } from '../domain/dial-codes';
import { parseDialTarget } from '../domain/dial-target';
import type { MenuSnapshot, RosterContact, RosterSnapshot } from '../domain/roster';

/**
 * Reads everything routing needs in four queries. Overrides that ended more than a day ago can no
 * longer apply and are left out, so the snapshot stays small as history grows.
 */
export async function loadRosterSnapshot(knex: Knex, now: Date): Promise<RosterSnapshot> {
  const since = new Date(now.getTime() - 24 * 3600 * 1000);
  const [units, contacts, shifts, overrides] = await Promise.all([
    knex('units').select('id', 'code', 'name', 'active', 'fallback_unit_id').orderBy('id'),
    knex('contacts').select('id', 'unit_id', 'name', 'dial', 'confirm_answer', 'active').orderBy('id'),
    knex('duty_shifts').select('unit_id', 'contact_id', 'weekday', 'start_minute', 'end_minute', 'priority'),
    knex('duty_overrides')
      .where('ends_at', '>', since)
      .select('unit_id', 'contact_id', 'starts_at', 'ends_at', 'priority'),
  ]);
  return {
    units: units.map((row) => ({
      id: row.id,
      code: row.code,
      name: row.name,
      active: row.active,
      fallbackUnitId: row.fallback_unit_id,
    })),
    contacts: contacts.flatMap((row): RosterContact[] => {
      // Stored targets were validated on the way in; one that no longer parses is skipped, not fatal.
      const parsed = parseDialTarget(row.dial);
      if (!parsed.ok) return [];
      return [
        {
          id: row.id,
          unitId: row.unit_id,
          name: row.name,
          dial: parsed.target,
          confirmAnswer: row.confirm_answer,
          active: row.active,
        },
      ];
    }),
    shifts: shifts.map((row) => ({
      unitId: row.unit_id,
      contactId: row.contact_id,
      weekday: row.weekday,
      startMinute: row.start_minute,
      endMinute: row.end_minute,
      priority: row.priority,
    })),
    overrides: overrides.map((row) => ({
      unitId: row.unit_id,
      contactId: row.contact_id,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      priority: row.priority,
    })),
  };
}

/**
 * The confidential complaint key: the seed's `confidential_code` setting, the default key before any
 * seed wrote one, null when the organisation file turned it off. A value that is not a dial code
 * (written by hand: the seed checks its own) is refused, with the reason, rather than failing the
 * roster's refresh: the menu then offers no key.
 */
export async function loadConfidentialCode(
  knex: Knex,
): Promise<Pick<MenuSnapshot, 'confidentialCode' | 'confidentialCodeRefused'>> {
  const setting = await knex('settings').where({ key: 'confidential_code' }).first('value');
  const value: unknown = setting === undefined ? DEFAULT_CONFIDENTIAL_CODE : setting.value;
  if (value === null || (typeof value === 'string' && isDialCode(value)))
    return { confidentialCode: value, confidentialCodeRefused: null };
  return {
    confidentialCode: null,
    confidentialCodeRefused: `setting "confidential_code" is ${JSON.stringify(value)}, neither null nor a dial code (${DIAL_CODE_RULE})`,
  };
}

/** What the IVR's menu needs: the roster and the confidential complaint key. */
export async function loadMenuSnapshot(knex: Knex, now: Date): Promise<MenuSnapshot> {
  const [roster, complaintKey] = await Promise.all([
    loadRosterSnapshot(knex, now),
    loadConfidentialCode(knex),
  ]);
  return { ...roster, ...complaintKey };
}
