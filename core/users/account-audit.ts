import type { Knex } from 'knex';

/** Who makes a change, for the audit log: a signed-in user, or null for a script. */
export interface AccountActor {
  userId: number | null;
  ip: string | null;
}

export const SCRIPT_ACTOR: AccountActor = { userId: null, ip: null };

/** The audit row of a change to an account, written in the change's own transaction. */
export async function auditAccountChange(
  trx: Knex,
  by: AccountActor,
  action: 'user.create' | 'user.update' | 'user.password-reset' | 'user.unlock',
  userId: number,
  details: Record<string, unknown>,
): Promise<void> {
  await trx('audit_log').insert({
    user_id: by.userId,
    action,
    entity: 'user',
    entity_id: String(userId),
    details: JSON.stringify(details),
    ip: by.ip,
  });
}
