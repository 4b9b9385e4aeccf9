import type { Knex } from 'knex';
import type { NewProcedure, Procedure, ProcedureChange } from './procedure';

interface ProcedureRow {
  id: number;
  code: string;
  name: string;
  documents: string[];
  fees: string;
  processing_time: string;
  legal_basis: string[];
  unit_id: number | null;
  portal_url: string | null;
  notes: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS: string[] = [
  'id',
  'code',
  'name',
  'documents',
  'fees',
  'processing_time',
  'legal_basis',
  'unit_id',
  'portal_url',
  'notes',
  'active',
  'created_at',
  'updated_at',
];

/** The unique index on the code, which a caller maps to its own 'taken' error. */
export const PROCEDURE_CODE_UNIQUE = 'procedures_code_unique';

const toProcedure = (row: ProcedureRow): Procedure => ({
  id: row.id,
  code: row.code,
  name: row.name,
  documents: row.documents,
  fees: row.fees,
  processingTime: row.processing_time,
  legalBasis: row.legal_basis,
  unitId: row.unit_id,
  portalUrl: row.portal_url,
  notes: row.notes,
  active: row.active,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** jsonb lists go in as JSON text: node-postgres would send a JavaScript array as a SQL array. */
function toRow(values: ProcedureChange): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  if (values.code !== undefined) row.code = values.code;
  if (values.name !== undefined) row.name = values.name;
  if (values.documents !== undefined) row.documents = JSON.stringify(values.documents);
  if (values.fees !== undefined) row.fees = values.fees;
  if (values.processingTime !== undefined) row.processing_time = values.processingTime;
  if (values.legalBasis !== undefined) row.legal_basis = JSON.stringify(values.legalBasis);
  if (values.unitId !== undefined) row.unit_id = values.unitId;
  if (values.portalUrl !== undefined) row.portal_url = values.portalUrl;
  if (values.notes !== undefined) row.notes = values.notes;
  if (values.active !== undefined) row.active = values.active;
  return row;
}

export interface ProcedureFilter {
  /** Only active procedures (what the citizen site and Open311 show), or only inactive ones. */
  active?: boolean;
  /** The procedures a unit handles: its own and those every ward handles (unit null). */
  unitId?: number;
}

/**
 * The procedures catalogue (table `procedures`). Reads for the citizen site, Open311 and the admin
 * API; writes take whatever Knex they are given, so a caller can audit in the same transaction.
 */
export class ProceduresRepository {
  constructor(private readonly knex: Knex | Knex.Transaction) {}

  /** The catalogue by name (diacritics folded, so "Đăng ký" sorts with "Dang ky"). */
  async list(filter: ProcedureFilter = {}): Promise<Procedure[]> {
    const query = this.knex('procedures').select(COLUMNS).orderByRaw('hotline_fold(name), id');
    if (filter.active !== undefined) query.where('active', filter.active);
    if (filter.unitId !== undefined) {
      const unitId = filter.unitId;
      query.where((q) => q.where('unit_id', unitId).orWhereNull('unit_id'));
    }
    return ((await query) as ProcedureRow[]).map(toProcedure);
  }

  async byId(id: number): Promise<Procedure | undefined> {
    const row: ProcedureRow | undefined = await this.knex('procedures').where({ id }).first(COLUMNS);
    return row ? toProcedure(row) : undefined;
  }

  async byCode(code: string): Promise<Procedure | undefined> {
    const row: ProcedureRow | undefined = await this.knex('procedures').where({ code }).first(COLUMNS);
    return row ? toProcedure(row) : undefined;
  }

  /** Adds one; a code another procedure has fails on PROCEDURE_CODE_UNIQUE. */
  async create(values: NewProcedure): Promise<Procedure> {
    const [row] = await this.knex('procedures').insert(toRow(values)).returning(COLUMNS);
    return toProcedure(row as ProcedureRow);
  }

  /** Changes the given fields; undefined when there is no such procedure. */
  async update(id: number, change: ProcedureChange): Promise<Procedure | undefined> {
    const [row] = await this.knex('procedures')
      .where({ id })
      .update({ ...toRow(change), updated_at: this.knex.fn.now() })
      .returning(COLUMNS);
    return row ? toProcedure(row as ProcedureRow) : undefined;
  }

  /** Adds the procedures whose code is not there yet (a seed run twice adds nothing); returns how many. */
  async addMissing(procedures: NewProcedure[]): Promise<number> {
    if (procedures.length === 0) return 0;
    const rows = await this.knex('procedures')
      .insert(procedures.map(toRow))
      .onConflict('code')
      .ignore()
      .returning('id');
    return rows.length;
  }
}
