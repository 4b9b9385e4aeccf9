import { isDeepStrictEqual } from 'node:util';
import type { Knex } from 'knex';
import { type DialTarget, dialTargetToString, parseDialTarget } from '../domain/dial-target';
import type { Organisation, OrganisationUnit } from './organisation.schema';

export interface SeedSummary {
  unitsCreated: number;
  unitsUpdated: number;
  contactsCreated: number;
  contactsUpdated: number;
  unitsWithNewDutyPlan: number;
  settingsChanged: number;
}

interface ShiftRow {
  unit_id: number;
  contact_id: number;
  weekday: number;
  start_minute: number;
  end_minute: number;
  priority: number;
}

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7];

function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function shiftKey(row: ShiftRow): string {
  return [row.contact_id, row.weekday, row.start_minute, row.end_minute, row.priority].join('/');
}

/** An internal extension is a desk phone: no personal voicemail to guard against. */
function defaultConfirmAnswer(dial: DialTarget): boolean {
  return dial.kind === 'phone';
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/**
 * Brings the database to the organisation the file describes, in one transaction, touching only
 * what differs: loading the same file twice changes nothing. Rows the file does not mention
 * (contacts or units an admin added) are left alone.
 */
export async function seedOrganisation(knex: Knex, org: Organisation): Promise<SeedSummary> {
  return knex.transaction(async (trx) => {
    const summary: SeedSummary = {
      unitsCreated: 0,
      unitsUpdated: 0,
      contactsCreated: 0,
      contactsUpdated: 0,
      unitsWithNewDutyPlan: 0,
      settingsChanged: 0,
    };
    const { ids: unitIds, created } = await upsertUnits(trx, org.units, summary);
    await linkFallbacks(trx, org.units, unitIds, created, summary);
    for (const unit of org.units) {
      const unitId = unitIds.get(unit.code) as number;
      const contactIds = await upsertContacts(trx, unitId, unit, summary);
      await planDuty(trx, unitId, unit, contactIds, summary);
    }
    await upsertSettings(trx, org, summary);
    return summary;
  });
}

async function upsertUnits(
  trx: Knex.Transaction,
  units: OrganisationUnit[],
  summary: SeedSummary,
): Promise<{ ids: Map<string, number>; created: Set<string> }> {
  const existing = await trx('units').select('id', 'code', 'name', 'kind', 'active', 'notify_emails');
  const byCode = new Map(existing.map((row) => [row.code as string, row]));
  const ids = new Map<string, number>();
  const created = new Set<string>();
  for (const unit of units) {
    const row = byCode.get(unit.code);
    const wanted = { name: unit.name, kind: unit.kind, active: unit.active, notify_emails: unit.emails };
    if (!row) {
      const [inserted] = await trx('units')
        .insert({ code: unit.code, ...wanted })
        .returning('id');
      ids.set(unit.code, inserted.id);
      created.add(unit.code);
      summary.unitsCreated += 1;
      continue;
    }
    ids.set(unit.code, row.id);
    const differs =
      row.name !== wanted.name ||
      row.kind !== wanted.kind ||
      row.active !== wanted.active ||
      !sameList(row.notify_emails, wanted.notify_emails);
    if (differs) {
      await trx('units')
        .where({ id: row.id })
        .update({ ...wanted, updated_at: trx.fn.now() });
      summary.unitsUpdated += 1;
    }
  }
  return { ids, created };
}

async function linkFallbacks(
  trx: Knex.Transaction,
  units: OrganisationUnit[],
  ids: Map<string, number>,
  created: ReadonlySet<string>,
  summary: SeedSummary,
): Promise<void> {
  const current = new Map(
    (await trx('units').select('id', 'fallback_unit_id')).map((row) => [
      row.id as number,
      row.fallback_unit_id,
    ]),
  );
  for (const unit of units) {
    const id = ids.get(unit.code) as number;
    const wanted = unit.fallback === undefined ? null : (ids.get(unit.fallback) ?? null);
    if (current.get(id) !== wanted) {
      await trx('units').where({ id }).update({ fallback_unit_id: wanted, updated_at: trx.fn.now() });
      if (!created.has(unit.code)) summary.unitsUpdated += 1;
    }
  }
}

async function upsertContacts(
  trx: Knex.Transaction,
  unitId: number,
  unit: OrganisationUnit,
  summary: SeedSummary,
): Promise<Map<string, number>> {
  const existing = await trx('contacts')
    .where({ unit_id: unitId })
    .select('id', 'name', 'role', 'dial', 'confirm_answer', 'active');
  const byDial = new Map(existing.map((row) => [row.dial as string, row]));
  const ids = new Map<string, number>();
  for (const contact of unit.contacts) {
    const dial = dialTargetToString(contact.dial);
    const wanted = {
      name: contact.name,
      role: contact.role ?? null,
      confirm_answer: contact.confirm_answer ?? defaultConfirmAnswer(contact.dial),
      active: contact.active,
    };
    const row = byDial.get(dial);
    if (!row) {
      const [created] = await trx('contacts')
        .insert({ unit_id: unitId, dial, ...wanted })
        .returning('id');
      ids.set(dial, created.id);
      summary.contactsCreated += 1;
      continue;
    }
    ids.set(dial, row.id);
    const differs =
      row.name !== wanted.name ||
      row.role !== wanted.role ||
      row.confirm_answer !== wanted.confirm_answer ||
      row.active !== wanted.active;
    if (differs) {
      await trx('contacts')
        .where({ id: row.id })
        .update({ ...wanted, updated_at: trx.fn.now() });
      summary.contactsUpdated += 1;
    }
  }
  return ids;
}

function wantedShifts(unitId: number, unit: OrganisationUnit, contactIds: Map<string, number>): ShiftRow[] {
  if (unit.duty === undefined) {
    // The default plan: every contact on duty around the clock, in the order the file lists them.
    return unit.contacts.flatMap((contact, index) =>
      ALL_WEEK.map((weekday) => ({
        unit_id: unitId,
        contact_id: contactIds.get(dialTargetToString(contact.dial)) as number,
        weekday,
        start_minute: 0,
        end_minute: 1440,
        priority: index + 1,
      })),
    );
  }
  return unit.duty.flatMap((shift) => {
    const parsed = parseDialTarget(shift.contact);
    const contactId = parsed.ok ? contactIds.get(dialTargetToString(parsed.target)) : undefined;
    if (contactId === undefined) {
      throw new Error(`duty of unit ${unit.code} names unknown contact ${shift.contact}`);
    }
    return shift.weekdays.map((weekday) => ({
      unit_id: unitId,
      contact_id: contactId,
      weekday,
      start_minute: minutesOf(shift.from) % 1440,
      end_minute: minutesOf(shift.to) === 0 ? 1440 : minutesOf(shift.to),
      priority: shift.priority,
    }));
  });
}

/**
 * An explicit `duty` list is the unit's whole weekly plan and replaces what differs. Without one,
 * the default around-the-clock plan is written only for a unit that has no plan yet, so a plan
 * edited in the admin app survives a later seed.
 */
async function planDuty(
  trx: Knex.Transaction,
  unitId: number,
  unit: OrganisationUnit,
  contactIds: Map<string, number>,
  summary: SeedSummary,
): Promise<void> {
  const existing: ShiftRow[] = await trx('duty_shifts')
    .where({ unit_id: unitId })
    .select('unit_id', 'contact_id', 'weekday', 'start_minute', 'end_minute', 'priority');
  if (unit.duty === undefined && existing.length > 0) return;
  const wanted = wantedShifts(unitId, unit, contactIds);
  const have = existing.map(shiftKey).sort();
  const want = wanted.map(shiftKey).sort();
  if (sameList(have, want)) return;
  await trx('duty_shifts').where({ unit_id: unitId }).delete();
  if (wanted.length > 0) await trx('duty_shifts').insert(wanted);
  summary.unitsWithNewDutyPlan += 1;
}

async function upsertSettings(trx: Knex.Transaction, org: Organisation, summary: SeedSummary): Promise<void> {
  const wanted: Record<string, unknown> = {};
  if (org.hotline) wanted.hotline = org.hotline;
  if (org.timezone) wanted.timezone = org.timezone;
  if (org.admin_email) wanted.admin_email = org.admin_email;
  wanted.confidential_code = org.confidential_code;
  for (const [key, value] of Object.entries(wanted)) {
    const row = await trx('settings').where({ key }).first('value');
    if (row && isDeepStrictEqual(row.value, value)) continue;
    await trx('settings')
      .insert({ key, value: JSON.stringify(value), updated_at: trx.fn.now() })
      .onConflict('key')
      .merge();
    summary.settingsChanged += 1;
  }
}
