import type { Knex } from 'knex';
import type { RosterSnapshot } from '../../../core/domain/roster';
import { loadRosterSnapshot } from '../../../core/roster/roster.repo';
import { AuditRepository } from '../audit/audit.repo';

export interface ShiftRow {
  id: number;
  contactId: number;
  weekday: number;
  startMinute: number;
  endMinute: number;
  priority: number;
}

export interface OverrideRow {
  id: number;
  unitId: number;
  contactId: number | null;
  startsAt: Date;
  endsAt: Date;
  priority: number;
  reason: string | null;
}

export class RostersRepository {
  constructor(
    private readonly knex: Knex,
    /** PGlite serves one process: there is nobody to notify. */
    private readonly canNotify: boolean,
  ) {}

  /** Runs `work` in one transaction, with repositories bound to it: a change and its audit row commit together. */
  transaction<T>(work: (rosters: RostersRepository, audit: AuditRepository) => Promise<T>): Promise<T> {
    return this.knex.transaction((trx) =>
      work(new RostersRepository(trx, this.canNotify), new AuditRepository(trx)),
    );
  }

  async shifts(unitId: number): Promise<ShiftRow[]> {
    const rows = await this.knex('duty_shifts')
      .where({ unit_id: unitId })
      .orderBy(['weekday', 'start_minute', 'priority', 'id'])
      .select('id', 'contact_id', 'weekday', 'start_minute', 'end_minute', 'priority');
    return rows.map((row) => ({
      id: row.id,
      contactId: row.contact_id,
      weekday: row.weekday,
      startMinute: row.start_minute,
      endMinute: row.end_minute,
      priority: row.priority,
    }));
  }

  /** Replaces the unit's weekly grid in one transaction: readers see the old grid or the new one. */
  async replaceShifts(unitId: number, shifts: Omit<ShiftRow, 'id'>[]): Promise<void> {
    await this.knex.transaction(async (trx) => {
      await trx('duty_shifts').where({ unit_id: unitId }).delete();
      if (shifts.length === 0) return;
      await trx('duty_shifts').insert(
        shifts.map((shift) => ({
          unit_id: unitId,
          contact_id: shift.contactId,
          weekday: shift.weekday,
          start_minute: shift.startMinute,
          end_minute: shift.endMinute,
          priority: shift.priority,
        })),
      );
    });
  }

  async overrides(unitId: number, endingAfter?: Date): Promise<OverrideRow[]> {
    const query = this.knex('duty_overrides')
      .where({ unit_id: unitId })
      .orderBy(['starts_at', 'id'])
      .select('*');
    if (endingAfter) query.where('ends_at', '>', endingAfter);
    return (await query).map(toOverride);
  }

  async findOverride(id: number): Promise<OverrideRow | undefined> {
    const row = await this.knex('duty_overrides').where({ id }).first('*');
    return row ? toOverride(row) : undefined;
  }

  async createOverride(override: Omit<OverrideRow, 'id'>): Promise<OverrideRow> {
    const [row] = await this.knex('duty_overrides')
      .insert({
        unit_id: override.unitId,
        contact_id: override.contactId,
        starts_at: override.startsAt,
        ends_at: override.endsAt,
        priority: override.priority,
        reason: override.reason,
      })
      .returning('*');
    return toOverride(row);
  }

  async deleteOverride(id: number): Promise<void> {
    await this.knex('duty_overrides').where({ id }).delete();
  }

  /** The same snapshot the IVR routes from. */
  snapshot(at: Date): Promise<RosterSnapshot> {
    return loadRosterSnapshot(this.knex, at);
  }

  /** Tells every other instance sharing this PostgreSQL that units or rosters changed. */
  async notifyChanged(what: string): Promise<void> {
    if (!this.canNotify) return;
    await this.knex.raw('select pg_notify(?, ?)', ['roster_changed', what]);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a knex row
function toOverride(row: any): OverrideRow {
  return {
    id: row.id,
    unitId: row.unit_id,
    contactId: row.contact_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    priority: row.priority,
    reason: row.reason,
  };
}
