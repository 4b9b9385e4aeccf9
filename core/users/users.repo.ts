import type { Knex } from 'knex';
import { isUniqueViolation } from '../db/pg-errors';
import { issue, TakenError, ValidationError } from '../errors';
import { hashPassword, passwordProblem, WeakPasswordError } from './password';

import type { Role } from './roles';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
  /** Unit codes a ward official may see; required for that role, refused for the others. */
  unitCodes?: string[];
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

  async create(user: NewUser): Promise<CreatedUser> {
    const problem = passwordProblem(user.password, [user.username, user.displayName ?? '']);
    if (problem) throw new WeakPasswordError('password', problem);
    const unitCodes = user.unitCodes ?? [];
    if (user.role === 'ward_official' && unitCodes.length === 0) {
      throw new ValidationError('user', [
        issue('unit', 'unit-scope-required', 'a ward_official needs at least one unit'),
      ]);
    }
    if (user.role !== 'ward_official' && unitCodes.length > 0) {
      throw new ValidationError('user', [
        issue('unit', 'unit-scope-not-allowed', `a ${user.role} sees every unit; drop the unit scope`, {
          role: user.role,
        }),
      ]);
    }
    const passwordHash = await hashPassword(user.password);
    return this.knex.transaction(async (trx) => {
      const taken = await trx('users').whereRaw('lower(username) = lower(?)', [user.username]).first('id');
      if (taken) throw usernameTaken(user.username);
      const units =
        unitCodes.length > 0 ? await trx('units').whereIn('code', unitCodes).select('id', 'code') : [];
      const missing = unitCodes.filter((code) => !units.some((unit) => unit.code === code));
      if (missing.length > 0) {
        throw new ValidationError('user', [
          issue('unit', 'unknown-unit', `unknown unit code ${missing.join(', ')}`, {
            codes: missing.join(', '),
          }),
        ]);
      }
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
      if (units.length > 0) {
        await trx('user_units').insert(units.map((unit) => ({ user_id: row.id, unit_id: unit.id })));
      }
      await trx('audit_log').insert({
        action: 'user.create',
        entity: 'user',
        entity_id: String(row.id),
        details: JSON.stringify({ username: user.username, role: user.role, units: unitCodes }),
      });
      return { id: row.id as number, username: user.username, role: user.role, unitCodes };
    });
  }
}

function usernameTaken(username: string): TakenError {
  return new TakenError('username-taken', 'username', username, `username "${username}" is already taken`);
}
