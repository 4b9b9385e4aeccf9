import type { Knex } from 'knex';
import { isUniqueViolation } from '../db/pg-errors';
import { type AccountActor, auditAccountChange, SCRIPT_ACTOR } from './account-audit';
import { scopeError, scopeProblem, usernameTaken } from './account-rules';
import { hashPassword, passwordProblem, WeakPasswordError } from './password';
import type { Role } from './roles';
import { replaceScopeUnits, resolveScopeUnits, type UnitChoice } from './user-units';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  displayName?: string | null;
  /** Unit codes a ward official may see; required for that role, refused for the others. */
  unitCodes?: string[];
  /** The same scope by unit ids (the API); taken instead of unitCodes when given. */
  unitIds?: number[];
  mustChangePassword?: boolean;
}

export interface CreatedUser {
  id: number;
  username: string;
  role: Role;
  unitCodes: string[];
}

export class UsersRepository {
  constructor(private readonly knex: Knex) {}

  async count(): Promise<number> {
    const row = await this.knex('users').count<{ count: number }>({ count: '*' }).first();
    return row?.count ?? 0;
  }

  async create(user: NewUser, by: AccountActor = SCRIPT_ACTOR): Promise<CreatedUser> {
    const problem = passwordProblem(user.password, [user.username, user.displayName ?? '']);
    if (problem) throw new WeakPasswordError('password', problem);
    const choice: UnitChoice = user.unitIds ? { ids: user.unitIds } : { codes: user.unitCodes ?? [] };
    const scope = scopeProblem(user.role, (user.unitIds ?? user.unitCodes ?? []).length);
    if (scope) throw scopeError(user.unitIds ? 'unitIds' : 'unit', scope);
    const passwordHash = await hashPassword(user.password);
    return this.knex.transaction(async (trx) => {
      const taken = await trx('users').whereRaw('lower(username) = lower(?)', [user.username]).first('id');
      if (taken) throw usernameTaken(user.username);
      const units = await resolveScopeUnits(trx, choice);
      const [row] = await trx('users')
        .insert({
          username: user.username,
          display_name: user.displayName ?? null,
          password_hash: passwordHash,
          role: user.role,
          must_change_password: user.mustChangePassword ?? false,
        })
        .returning('id')
        .catch((error: unknown) => {
          // A simultaneous creation of the same name passes the check above and loses here instead.
          if (isUniqueViolation(error, 'users_username_lower_idx')) throw usernameTaken(user.username);
          throw error;
        });
      await replaceScopeUnits(trx, row.id, units);
      const unitCodes = units.map((unit) => unit.code);
      await auditAccountChange(trx, by, 'user.create', row.id, {
        username: user.username,
        role: user.role,
        units: unitCodes,
      });
      return { id: row.id as number, username: user.username, role: user.role, unitCodes };
    });
  }
}
