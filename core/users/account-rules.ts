import { AppError, type IssueCode, issue, TakenError, ValidationError } from '../errors';
import { mayReadComplaints } from '../tickets/confidentiality';
import type { Role } from './roles';

/** Why an account change is refused: it would lock the admins out, or the acting admin out. */
export type AccountChangeProblem = 'own-account' | 'last-admin';

export interface AdminSeatChange {
  /** The acting user changes their own account (never true for a script). */
  isSelf: boolean;
  wasActiveAdmin: boolean;
  staysActiveAdmin: boolean;
  /** Active admins other than this account. */
  otherActiveAdmins: number;
}

/**
 * An admin may not deactivate or demote their own account (they would lose the screen they are
 * on), and nobody may deactivate or demote the last active admin (nobody could undo it in the app).
 */
export function adminSeatProblem(change: AdminSeatChange): AccountChangeProblem | null {
  if (!change.wasActiveAdmin || change.staysActiveAdmin) return null;
  if (change.isSelf) return 'own-account';
  if (change.otherActiveAdmins === 0) return 'last-admin';
  return null;
}

export interface ScopeProblem {
  code: Extract<IssueCode, 'unit-scope-required' | 'unit-scope-not-allowed'>;
  message: string;
}

/** Why a role and a unit scope do not go together, or null: only a ward official is scoped. */
export function scopeProblem(role: Role, unitCount: number): ScopeProblem | null {
  if (role === 'ward_official' && unitCount === 0)
    return { code: 'unit-scope-required', message: 'a ward_official needs at least one unit' };
  if (role !== 'ward_official' && unitCount > 0)
    return { code: 'unit-scope-not-allowed', message: `a ${role} sees every unit; drop the unit scope` };
  return null;
}

/**
 * Whether the account reads confidential complaints to the chairman after a change: granting it to
 * a ward official is refused; a ward official's role drops a permission it was not asked to keep.
 */
export function complaintsPermissionAfter(role: Role, current: boolean, asked: boolean | undefined): boolean {
  if (mayReadComplaints(role)) return asked ?? current;
  if (asked === true)
    throw new ValidationError('user', [
      issue(
        'readsComplaints',
        'complaints-not-for-unit-staff',
        "a ward official never reads confidential complaints about the unit's officials",
      ),
    ]);
  return false;
}

const REFUSALS: Record<AccountChangeProblem, string> = {
  'own-account': 'you may not deactivate, demote or reset your own account here',
  'last-admin': 'this is the last active administrator; make another one first',
};

export class AccountChangeRefusedError extends AppError {
  constructor(problem: AccountChangeProblem, user: { id: number; username: string }) {
    super(
      409,
      problem,
      `user "${user.username}" was not changed: ${REFUSALS[problem]}`,
      { username: user.username },
      { userId: user.id },
    );
  }
}

export function usernameTaken(username: string): TakenError {
  return new TakenError('username-taken', 'username', username, `username "${username}" is already taken`);
}

/** A unit scope that does not fit the role, as a refusal of the field that carries it. */
export function scopeError(field: string, problem: ScopeProblem): ValidationError {
  return new ValidationError('user', [issue(field, problem.code, problem.message)]);
}

/** Unit codes or ids that name no unit. */
export function unknownUnitsError(field: string, kind: 'code' | 'id', missing: readonly (string | number)[]) {
  const list = missing.join(', ');
  return new ValidationError('user', [
    issue(field, 'unknown-unit', `unknown unit ${kind} ${list}`, { codes: list }),
  ]);
}
