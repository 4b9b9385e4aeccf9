import type { Knex } from 'knex';
import { isUniqueViolation } from '../../../core/db/pg-errors';
import { NotFoundError, TakenError } from '../../../core/errors';
import { AuditRepository } from '../audit/audit.repo';
import type { Category, CategoryPatch } from './categories.schemas';

const NAME_UNIQUE = 'categories_name_lower_idx';

function taken(name: string): TakenError {
  return new TakenError('category-taken', 'name', name, `category "${name}" already exists`);
}

/** The categories admins keep; a rename carries the tickets filed under the old name along. */
export class CategoriesRepository {
  constructor(private readonly knex: Knex) {}

  async list(): Promise<Category[]> {
    return this.knex('categories')
      .orderByRaw('active desc, hotline_fold(name)')
      .select('id', 'name', 'active');
  }

  async create(name: string, userId: number, ip: string | null): Promise<Category> {
    return this.knex.transaction(async (trx) => {
      const [row] = await trx('categories')
        .insert({ name })
        .returning(['id', 'name', 'active'])
        .catch((error: unknown) => {
          if (isUniqueViolation(error, NAME_UNIQUE)) throw taken(name);
          throw error;
        });
      await new AuditRepository(trx).record({
        userId,
        action: 'category.create',
        entity: 'category',
        entityId: row.id,
        details: { name },
        ip,
      });
      return row;
    });
  }

  async update(id: number, patch: CategoryPatch, userId: number, ip: string | null): Promise<Category> {
    return this.knex.transaction(async (trx) => {
      const current = await trx('categories').where({ id }).forUpdate().first('id', 'name', 'active');
      if (!current) throw new NotFoundError('category', id);
      const [row] = await trx('categories')
        .where({ id })
        .update({ ...patch, updated_at: trx.fn.now() })
        .returning(['id', 'name', 'active'])
        .catch((error: unknown) => {
          if (isUniqueViolation(error, NAME_UNIQUE)) throw taken(patch.name ?? '');
          throw error;
        });
      let tickets = 0;
      if (patch.name !== undefined && patch.name !== current.name) {
        tickets = await trx('tickets').where({ category: current.name }).update({ category: patch.name });
      }
      await new AuditRepository(trx).record({
        userId,
        action: 'category.update',
        entity: 'category',
        entityId: id,
        details: { from: { name: current.name, active: current.active }, to: patch, tickets },
        ip,
      });
      return row;
    });
  }
}
