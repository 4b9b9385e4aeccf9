import type { Knex } from 'knex';
import { NotFoundError } from '../errors';
import { type AccountActor, auditAccountChange } from './account-audit';
import { ACCOUNT_KEY_PREFIX, accountFailureKey } from './account-key';
import {
  AccountChangeRefusedError,
  adminSeatProblem,
  complaintsPermissionAfter,
  scopeError,
  scopeProblem,
} from './account-rules';
import { hashPassword, passwordProblem, WeakPasswordError } from './password';
import type { Role } from './roles';
import { replaceScopeUnits, resolveScopeUnits, type ScopeUnit, type UnitChoice } from './user-units';

/** A user as the people who manage users see them. */
export interface Account {
  id: number;
  username: string;
  displayName: string | null;
  role: Role;
  units: ScopeUnit[];
  active: boolean;
  mustChangePassword: boolean;
  /** users.reads_complaints: reads confidential complaints to the chairman with their sender. */
  readsComplaints: boolean;
  lastLoginAt: Date | null;
  /** Failed sign-ins counted against the user name now; above zero, sign-in may be held back. */
  failedSignIns: number;
}

export interface AccountPatch {
  displayName?: string | null;
  role?: Role;
  units?: UnitChoice;
  active?: boolean;
  readsComplaints?: boolean;
}

interface AccountRow {
  id: number;
  username: string;
  display_name: string | null;
  role: Role;
  active: boolean;
  must_change_password: boolean;
  reads_complaints: boolean;
  last_login_at: Date | null;
  failures: number | null;
  units: ScopeUnit[];
}

function accountOf(row: AccountRow): Account {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    units: row.units,
    active: row.active,
    mustChangePassword: row.must_change_password,
    readsComplaints: row.reads_complaints,
    lastLoginAt: row.last_login_at,
    failedSignIns: row.failures ?? 0,
  };
}

/**
 * Managing accounts (the users API and `npm run users`): each change in one transaction with its
 * audit row; deactivating a user or resetting their password ends their sessions in the same one.
 */
export class AccountsRepository {
  constructor(private readonly knex: Knex) {}

  private select(trx: Knex) {
    const units = trx('user_units as uu')
      .join('units as un', 'un.id', 'uu.unit_id')
      .whereRaw('uu.user_id = u.id')
      .select(
        trx.raw(
          "coalesce(json_agg(json_build_object('id', un.id, 'code', un.code, 'name', un.name) order by un.id), '[]')",
        ),
      );
    return trx('users as u')
      .leftJoin('sign_in_failures as f', function () {
        this.on('f.key', '=', trx.raw('? || lower(u.username)', [ACCOUNT_KEY_PREFIX]));
      })
      .select(
        'u.id',
        'u.username',
        'u.display_name',
        'u.role',
        'u.active',
        'u.must_change_password',
        'u.reads_complaints',
        'u.last_login_at',
        'f.failures',
        units.as('units'),
      );
  }

  async list(): Promise<Account[]> {
    const rows: AccountRow[] = await this.select(this.knex).orderByRaw('u.active desc, lower(u.username)');
    return rows.map(accountOf);
  }

  async find(id: number, trx: Knex = this.knex): Promise<Account> {
    const row: AccountRow | undefined = await this.select(trx).where('u.id', id).first();
    if (!row) throw new NotFoundError('user', id);
    return accountOf(row);
  }

  async idOf(username: string): Promise<number> {
    const row = await this.knex('users').whereRaw('lower(username) = lower(?)', [username]).first('id');
    if (!row) throw new NotFoundError('user', username);
    return row.id;
  }

  async update(id: number, patch: AccountPatch, by: AccountActor): Promise<Account> {
    return this.knex.transaction(async (trx) => {
      const current = await this.lockForAdminChange(trx, id);
      const role = patch.role ?? current.role;
      const active = patch.active ?? current.active;
      await this.refuseLosingAdmin(trx, current, by, role === 'admin' && active);
      // A role that sees every unit drops the scope; a ward official keeps theirs unless given one.
      const units = patch.units
        ? await resolveScopeUnits(trx, patch.units)
        : role === 'ward_official'
          ? current.units
          : [];
      const scope = scopeProblem(role, units.length);
      if (scope) throw scopeError(patch.units && 'codes' in patch.units ? 'unit' : 'unitIds', scope);
      const readsComplaints = complaintsPermissionAfter(role, current.readsComplaints, patch.readsComplaints);

      const changes: Record<string, unknown> = {};
      if (patch.displayName !== undefined && patch.displayName !== current.displayName)
        changes.displayName = patch.displayName;
      if (role !== current.role) changes.role = role;
      if (active !== current.active) changes.active = active;
      if (readsComplaints !== current.readsComplaints) changes.readsComplaints = readsComplaints;
      const unitCodes = units.map((unit) => unit.code);
      if (unitCodes.join() !== current.units.map((unit) => unit.code).join()) changes.units = unitCodes;
      if (Object.keys(changes).length === 0) return current;

      await trx('users')
        .where({ id })
        .update({
          display_name: patch.displayName === undefined ? current.displayName : patch.displayName,
          role,
          active,
          reads_complaints: readsComplaints,
          updated_at: trx.fn.now(),
        });
      if ('units' in changes) await replaceScopeUnits(trx, id, units);
      if (!active) await trx('sessions').where({ user_id: id }).delete();
      await auditAccountChange(trx, by, 'user.update', id, { username: current.username, changes });
      return this.find(id, trx);
    });
  }

  /**
   * Sets a new password (checked like any other), ends the user's sessions and lifts a sign-in
   * hold on the user name; `mustChange` makes them choose their own at the next sign-in.
   */
  async resetPassword(id: number, password: string, mustChange: boolean, by: AccountActor): Promise<Account> {
    const current = await this.find(id);
    if (by.userId === id) throw new AccountChangeRefusedError('own-account', current);
    const problem = passwordProblem(password, [current.username, current.displayName ?? '']);
    if (problem) throw new WeakPasswordError('password', problem);
    const passwordHash = await hashPassword(password);
    return this.knex.transaction(async (trx) => {
      await trx('users')
        .where({ id })
        .update({ password_hash: passwordHash, must_change_password: mustChange, updated_at: trx.fn.now() });
      await trx('sessions').where({ user_id: id }).delete();
      await trx('sign_in_failures')
        .where({ key: accountFailureKey(current.username) })
        .delete();
      await auditAccountChange(trx, by, 'user.password-reset', id, {
        username: current.username,
        mustChange,
      });
      return this.find(id, trx);
    });
  }

  /** Forgets the failed sign-ins counted against the user name, so they may sign in at once. */
  async unlock(id: number, by: AccountActor): Promise<Account> {
    return this.knex.transaction(async (trx) => {
      const current = await this.find(id, trx);
      await trx('sign_in_failures')
        .where({ key: accountFailureKey(current.username) })
        .delete();
      await auditAccountChange(trx, by, 'user.unlock', id, {
        username: current.username,
        failedSignIns: current.failedSignIns,
      });
      return this.find(id, trx);
    });
  }

  /** Locks the active admins' rows first, so two changes that each leave one admin run one after the other. */
  private async lockForAdminChange(trx: Knex, id: number): Promise<Account> {
    await trx('users').where({ role: 'admin', active: true }).forUpdate().select('id');
    await trx('users').where({ id }).forUpdate().select('id');
    return this.find(id, trx);
  }

  private async refuseLosingAdmin(trx: Knex, current: Account, by: AccountActor, staysActiveAdmin: boolean) {
    const others = await trx('users')
      .where({ role: 'admin', active: true })
      .andWhereNot({ id: current.id })
      .count<{ n: number }[]>({ n: '*' });
    const problem = adminSeatProblem({
      isSelf: by.userId === current.id,
      wasActiveAdmin: current.role === 'admin' && current.active,
      staysActiveAdmin,
      otherActiveAdmins: Number(others[0]?.n ?? 0),
    });
    if (problem) throw new AccountChangeRefusedError(problem, current);
  }
}
