import type { Knex } from 'knex';
import { loadConfidentialCode } from '../../../core/roster/roster.repo';
import { AuditRepository } from '../audit/audit.repo';
import type { Contact, Unit } from './units.schemas';

export interface UnitColumns {
  code?: string;
  name?: string;
  kind?: Unit['kind'];
  active?: boolean;
  fallback_unit_id?: number | null;
  notify_emails?: string[];
  direct_number?: string | null;
}

export interface ContactColumns {
  name?: string;
  role?: string | null;
  dial?: string;
  confirm_answer?: boolean;
  active?: boolean;
}

/** The unique constraints a unit or contact write may hit (knex's names, migrations 20261122000100/0200). */
export const UNIT_CODE_UNIQUE = 'units_code_unique';
export const CONTACT_DIAL_UNIQUE = 'contacts_unit_id_dial_unique';

export class UnitsRepository {
  constructor(private readonly knex: Knex) {}

  /** Runs `work` in one transaction, with repositories bound to it: a change and its audit row commit together. */
  transaction<T>(work: (units: UnitsRepository, audit: AuditRepository) => Promise<T>): Promise<T> {
    return this.knex.transaction((trx) => work(new UnitsRepository(trx), new AuditRepository(trx)));
  }

  /** Units (all, or these ids) in dial-code order, each with its contacts. */
  async list(ids: number[] | null): Promise<Unit[]> {
    const query = this.knex('units as u')
      .leftJoin('units as f', 'f.id', 'u.fallback_unit_id')
      .select('u.id', 'u.code', 'u.name', 'u.kind', 'u.active', 'u.notify_emails', 'u.direct_number')
      .select('f.id as fallback_id', 'f.code as fallback_code', 'f.name as fallback_name')
      .orderByRaw('length(u.code), u.code');
    if (ids !== null) query.whereIn('u.id', ids);
    const units = await query;
    const contacts = await this.contactsOf(units.map((unit) => unit.id as number));
    return units.map((row) => ({
      id: row.id,
      code: row.code,
      name: row.name,
      kind: row.kind,
      active: row.active,
      fallback:
        row.fallback_id === null
          ? null
          : { id: row.fallback_id, code: row.fallback_code, name: row.fallback_name },
      notifyEmails: row.notify_emails ?? [],
      directNumber: row.direct_number,
      contacts: contacts.filter((contact) => contact.unitId === row.id),
    }));
  }

  async find(id: number): Promise<Unit | undefined> {
    const [unit] = await this.list([id]);
    return unit;
  }

  /** The phone menu's confidential complaint key, which no unit may hold (null: the menu has none). */
  async confidentialCode(): Promise<string | null> {
    return (await loadConfidentialCode(this.knex)).confidentialCode;
  }

  async idByCode(code: string): Promise<number | undefined> {
    const row = await this.knex('units').where({ code }).first('id');
    return row?.id;
  }

  async create(columns: Required<Omit<UnitColumns, 'direct_number'>>): Promise<number> {
    const [row] = await this.knex('units')
      .insert({ ...columns, notify_emails: columns.notify_emails })
      .returning('id');
    return row.id;
  }

  async update(id: number, columns: UnitColumns): Promise<void> {
    await this.knex('units')
      .where({ id })
      .update({ ...columns, updated_at: this.knex.fn.now() });
  }

  async contactsOf(unitIds: number[]): Promise<Contact[]> {
    if (unitIds.length === 0) return [];
    const rows = await this.knex('contacts').whereIn('unit_id', unitIds).orderBy('id').select('*');
    return rows.map(toContact);
  }

  async findContact(id: number): Promise<Contact | undefined> {
    const row = await this.knex('contacts').where({ id }).first('*');
    return row ? toContact(row) : undefined;
  }

  async createContact(unitId: number, columns: Required<ContactColumns>): Promise<number> {
    const [row] = await this.knex('contacts')
      .insert({ ...columns, unit_id: unitId })
      .returning('id');
    return row.id;
  }

  async updateContact(id: number, columns: ContactColumns): Promise<void> {
    await this.knex('contacts')
      .where({ id })
      .update({ ...columns, updated_at: this.knex.fn.now() });
  }

  async deleteContact(id: number): Promise<void> {
    await this.knex('contacts').where({ id }).delete();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a knex row
function toContact(row: any): Contact {
  return {
    id: row.id,
    unitId: row.unit_id,
    name: row.name,
    role: row.role,
    dial: row.dial,
    confirmAnswer: row.confirm_answer,
    active: row.active,
  };
}
