import type { Knex } from 'knex';
import { parseDialTarget } from '../domain/dial-target';
import type { Directory, DirectoryContact, DirectoryUnit, HotlineNumber } from './directory';
import type { UnitIdsByCode } from './unit-codes';

interface UnitRow {
  id: number;
  code: string;
  name: string;
  kind: DirectoryUnit['kind'];
  active: boolean;
  fallback_code: string | null;
}

interface ContactRow {
  id: number;
  unit_id: number;
  name: string;
  dial: string;
  confirm_answer: boolean;
  active: boolean;
}

/** Thrown when a stored row cannot be used, naming the row so an admin can fix it. */
export class DirectoryDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryDataError';
  }
}

/** The organisation as the dialplan and the prompts read it: units and their contacts, from the database. */
export class DirectoryRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Units by code, each with its contacts in ringing order. A static configuration cannot follow
   * the weekly roster, so the order is the contact's best duty priority (the order of the seed
   * file by default), contacts without any shift last.
   */
  async directory(): Promise<Directory> {
    const units: UnitRow[] = await this.knex('units as u')
      .leftJoin('units as f', 'f.id', 'u.fallback_unit_id')
      .select('u.id', 'u.code', 'u.name', 'u.kind', 'u.active', 'f.code as fallback_code')
      .orderByRaw('length(u.code), u.code');
    const contacts: ContactRow[] = await this.knex('contacts as c')
      .leftJoin(
        this.knex('duty_shifts')
          .select('contact_id')
          .min({ best_priority: 'priority' })
          .groupBy('contact_id')
          .as('d'),
        'd.contact_id',
        'c.id',
      )
      .select('c.id', 'c.unit_id', 'c.name', 'c.dial', 'c.confirm_answer', 'c.active')
      .orderByRaw('c.unit_id, d.best_priority nulls last, c.id');
    const byUnit = new Map<number, DirectoryContact[]>();
    for (const row of contacts) {
      const list = byUnit.get(row.unit_id) ?? [];
      list.push(toContact(row));
      byUnit.set(row.unit_id, list);
    }
    return {
      hotline: await this.hotline(),
      units: units.map((row) => ({
        code: row.code,
        name: row.name,
        kind: row.kind,
        active: row.active,
        fallbackCode: row.fallback_code,
        contacts: byUnit.get(row.id) ?? [],
      })),
    };
  }

  /** Every unit's id by its menu code (UnitCodes keeps them in memory). */
  async unitIdsByCode(): Promise<UnitIdsByCode> {
    const rows: Array<{ id: number; code: string }> = await this.knex('units').select('id', 'code');
    return new Map(rows.map((row) => [row.code, row.id]));
  }

  /** The hotline's number and name (the seed's "hotline" setting); null before one is set. */
  async hotline(): Promise<HotlineNumber | null> {
    const row = await this.knex('settings').where({ key: 'hotline' }).first('value');
    if (!row) return null;
    const value = row.value as { number?: unknown; e164?: unknown; name?: unknown };
    if (typeof value.number !== 'string' || typeof value.name !== 'string') {
      throw new DirectoryDataError('setting "hotline" must hold {number, name} strings');
    }
    return {
      number: value.number,
      e164: typeof value.e164 === 'string' ? value.e164 : null,
      name: value.name,
    };
  }
}

function toContact(row: ContactRow): DirectoryContact {
  const parsed = parseDialTarget(row.dial);
  if (!parsed.ok) {
    throw new DirectoryDataError(`contact "${row.name}" has an unusable dial target: ${parsed.reason}`);
  }
  return {
    id: row.id,
    name: row.name,
    dial: parsed.target,
    confirmAnswer: row.confirm_answer,
    active: row.active,
  };
}
