import type { Knex } from 'knex';
import { isUniqueViolation } from '../../../core/db/pg-errors';
import { issue, NotFoundError, TakenError, ValidationError } from '../../../core/errors';
import type { Procedure, ProcedureChange } from '../../../core/procedures/procedure';
import { PROCEDURE_CODE_UNIQUE, ProceduresRepository } from '../../../core/procedures/procedures.repo';
import { AuditRepository } from '../audit/audit.repo';
import type { ProcedureCreate, ProcedurePatch, ProcedureView } from './procedures.schemas';

export const toProcedureView = (procedure: Procedure): ProcedureView => ({
  ...procedure,
  createdAt: procedure.createdAt.toISOString(),
  updatedAt: procedure.updatedAt.toISOString(),
});

/** Who changes the catalogue, for the audit row written in the same transaction. */
export interface Actor {
  userId: number;
  ip: string | null;
}

function codeTaken(error: unknown, code: string | undefined): never {
  if (isUniqueViolation(error, PROCEDURE_CODE_UNIQUE)) {
    throw new TakenError('procedure-code-taken', 'code', code ?? '', `procedure code "${code}" is taken`);
  }
  throw error;
}

/** The procedures catalogue as admins keep it: every change audited with what it was before. */
export class ProceduresService {
  constructor(private readonly knex: Knex) {}

  async list(active?: boolean): Promise<ProcedureView[]> {
    const procedures = await new ProceduresRepository(this.knex).list(active === undefined ? {} : { active });
    return procedures.map(toProcedureView);
  }

  /** The procedure with this id, active or not; a 404 otherwise. */
  async get(id: number): Promise<Procedure> {
    const procedure = await new ProceduresRepository(this.knex).byId(id);
    if (!procedure) throw new NotFoundError('procedure', id);
    return procedure;
  }

  async create(body: ProcedureCreate, actor: Actor): Promise<ProcedureView> {
    return this.knex.transaction(async (trx) => {
      await this.checkUnit(trx, body.unitId);
      const created = await new ProceduresRepository(trx)
        .create(body)
        .catch((error: unknown) => codeTaken(error, body.code));
      await this.audit(trx, actor, 'procedure.create', created.id, {
        code: created.code,
        name: created.name,
      });
      return toProcedureView(created);
    });
  }

  async update(id: number, patch: ProcedurePatch, actor: Actor): Promise<ProcedureView> {
    return this.change(id, patch, actor, 'procedure.update');
  }

  /** Takes the procedure's page and poster off the site; tickets about it keep naming it. */
  async deactivate(id: number, actor: Actor): Promise<ProcedureView> {
    return this.change(id, { active: false }, actor, 'procedure.deactivate');
  }

  private async change(id: number, change: ProcedureChange, actor: Actor, action: string) {
    return this.knex.transaction(async (trx) => {
      const repo = new ProceduresRepository(trx);
      const current = await trx('procedures').where({ id }).forUpdate().first('id');
      if (!current) throw new NotFoundError('procedure', id);
      const before = (await repo.byId(id)) as Procedure;
      if (change.unitId !== undefined) await this.checkUnit(trx, change.unitId);
      const after = (await repo
        .update(id, change)
        .catch((error: unknown) => codeTaken(error, change.code))) as Procedure;
      const changed = Object.keys(change) as Array<keyof ProcedureChange>;
      await this.audit(trx, actor, action, id, {
        code: after.code,
        from: Object.fromEntries(changed.map((key) => [key, before[key]])),
        to: change,
      });
      return toProcedureView(after);
    });
  }

  private async checkUnit(trx: Knex.Transaction, unitId: number | null): Promise<void> {
    if (unitId === null) return;
    const unit = await trx('units').where({ id: unitId }).first('id');
    if (!unit) {
      throw new ValidationError('body', [
        issue('unitId', 'unknown-unit', `no unit has the id ${unitId}`, { codes: String(unitId) }),
      ]);
    }
  }

  private async audit(
    trx: Knex.Transaction,
    actor: Actor,
    action: string,
    id: number,
    details: Record<string, unknown>,
  ): Promise<void> {
    await new AuditRepository(trx).record({
      userId: actor.userId,
      action,
      entity: 'procedure',
      entityId: id,
      details,
      ip: actor.ip,
    });
  }
}
