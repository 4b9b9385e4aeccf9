import type { Knex } from 'knex';
import { AuditRepository } from '../audit/audit.repo';
import type { Desk } from './desks.schemas';

/** The unique constraint a desk write may hit (migration 20261203100400). */
export const DESK_NAME_UNIQUE = 'desks_unit_id_name_unique';

interface DeskRow {
  id: number;
  unit_id: number;
  name: string;
  active: boolean;
}

const toDesk = (row: DeskRow): Desk => ({
  id: row.id,
  unitId: row.unit_id,
  name: row.name,
  active: row.active,
});

export class DesksRepository {
  constructor(private readonly knex: Knex) {}

  /** Runs `work` in one transaction: a change and its audit row commit together. */
  transaction<T>(work: (desks: DesksRepository, audit: AuditRepository) => Promise<T>): Promise<T> {
    return this.knex.transaction((trx) => work(new DesksRepository(trx), new AuditRepository(trx)));
  }

  async ofUnit(unitId: number): Promise<Desk[]> {
    const rows = await this.knex('desks').where({ unit_id: unitId }).orderBy('id').select<DeskRow[]>('*');
    return rows.map(toDesk);
  }

  async find(id: number): Promise<Desk | undefined> {
    const row = await this.knex('desks').where({ id }).first<DeskRow | undefined>('*');
    return row ? toDesk(row) : undefined;
  }

  async create(unitId: number, columns: { name: string; active: boolean }): Promise<number> {
    const [row] = await this.knex('desks')
      .insert({ unit_id: unitId, ...columns })
      .returning('id');
    return row.id;
  }

  async update(id: number, columns: { name?: string; active?: boolean }): Promise<void> {
    await this.knex('desks')
      .where({ id })
      .update({ ...columns, updated_at: this.knex.fn.now() });
  }
}

/** The visitors a desk records for a month, against which the share who rated is reported. */
export class DeskVisitorsRepository {
  constructor(private readonly knex: Knex) {}

  async setVisitors(deskId: number, month: string, visitors: number): Promise<void> {
    await this.knex('desk_visitor_counts')
      .insert({ desk_id: deskId, month, visitors, updated_at: this.knex.fn.now() })
      .onConflict(['desk_id', 'month'])
      .merge();
  }
}
