import type { Knex } from 'knex';

/** What the citizen site may show of a unit: its public face, nothing of its people or tickets. */
export interface PublicUnit {
  id: number;
  code: string;
  name: string;
  /** E.164; null when the unit is reached through the hotline's menu only. */
  directNumber: string | null;
}

export interface PublicDesk {
  id: number;
  name: string;
  unit: PublicUnit;
}

const UNIT_COLUMNS = ['u.id', 'u.code', 'u.name', 'u.direct_number'];

const unitOf = (row: {
  id: number;
  code: string;
  name: string;
  direct_number: string | null;
}): PublicUnit => ({
  id: row.id,
  code: row.code,
  name: row.name,
  directNumber: row.direct_number,
});

/** Reads only active units and desks, and only their public columns. */
export class CitizenRepository {
  constructor(private readonly knex: Knex) {}

  async units(): Promise<PublicUnit[]> {
    const rows = await this.knex('units as u')
      .where('u.active', true)
      .orderByRaw('length(u.code), u.code')
      .select(UNIT_COLUMNS);
    return rows.map(unitOf);
  }

  async unitByCode(code: string): Promise<PublicUnit | undefined> {
    const row = await this.knex('units as u').where({ 'u.code': code, 'u.active': true }).first(UNIT_COLUMNS);
    return row ? unitOf(row) : undefined;
  }

  async desksOf(unitId: number): Promise<Array<{ id: number; name: string }>> {
    return this.knex('desks').where({ unit_id: unitId, active: true }).orderBy('id').select('id', 'name');
  }

  async desk(id: number): Promise<PublicDesk | undefined> {
    const row = await this.knex('desks as d')
      .join('units as u', 'u.id', 'd.unit_id')
      .where({ 'd.id': id, 'd.active': true, 'u.active': true })
      .first('d.id as desk_id', 'd.name as desk_name', ...UNIT_COLUMNS);
    return row ? { id: row.desk_id, name: row.desk_name, unit: unitOf(row) } : undefined;
  }
}
