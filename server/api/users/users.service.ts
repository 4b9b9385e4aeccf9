import type { AccountActor } from '../../../core/users/account-audit';
import type { AccountsRepository, Account as StoredAccount } from '../../../core/users/accounts.repo';
import type { UsersRepository } from '../../../core/users/users.repo';
import type { SessionCache } from '../auth/session-cache';
import type { SessionUser } from '../auth/session-user';
import type { Account, AccountCreate, AccountPatch } from './users.schemas';

function viewOf(account: StoredAccount): Account {
  return { ...account, lastLoginAt: account.lastLoginAt?.toISOString() ?? null };
}

/**
 * User management for admins. Every change also forgets the user's cached sessions here, so a
 * deactivation or a new scope holds from this instance's next request (other instances hear it
 * from the database's sessions_changed notice).
 */
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly accounts: AccountsRepository,
    private readonly sessionCache: SessionCache,
  ) {}

  async list(): Promise<Account[]> {
    return (await this.accounts.list()).map(viewOf);
  }

  async create(by: SessionUser, body: AccountCreate, ip: string | null): Promise<Account> {
    const created = await this.users.create(
      {
        username: body.username,
        displayName: body.displayName,
        role: body.role,
        unitIds: body.unitIds,
        password: body.password,
        mustChangePassword: true,
      },
      actor(by, ip),
    );
    return viewOf(await this.accounts.find(created.id));
  }

  async update(by: SessionUser, id: number, body: AccountPatch, ip: string | null): Promise<Account> {
    const { unitIds, ...rest } = body;
    const updated = await this.accounts.update(
      id,
      { ...rest, ...(unitIds && { units: { ids: unitIds } }) },
      actor(by, ip),
    );
    this.sessionCache.forgetUser(id);
    return viewOf(updated);
  }

  async resetPassword(by: SessionUser, id: number, password: string, ip: string | null): Promise<Account> {
    const account = await this.accounts.resetPassword(id, password, true, actor(by, ip));
    this.sessionCache.forgetUser(id);
    return viewOf(account);
  }

  async unlock(by: SessionUser, id: number, ip: string | null): Promise<Account> {
    return viewOf(await this.accounts.unlock(id, actor(by, ip)));
  }
}

function actor(user: SessionUser, ip: string | null): AccountActor {
  return { userId: user.id, ip };
}
