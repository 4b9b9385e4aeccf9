import type { Knex } from 'knex';
import type { DigestKind } from './digest.types';

export interface DigestRecord {
  id: number;
  kind: DigestKind;
  period: string;
  status: 'sending' | 'sent' | 'failed';
  recipients: string[];
  messageId: string | null;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  updatedAt: Date;
}

export type ClaimRefusal = 'locked' | 'sent' | 'in-progress' | 'waiting-retry' | 'gave-up';

export type Claim =
  | { claimed: true; record: DigestRecord }
  | { claimed: false; reason: ClaimRefusal; record?: DigestRecord };

export interface ClaimRules {
  now: Date;
  recipients: string[];
  messageId: string;
  /** A 'sending' row older than this was left by an instance that died mid-send. */
  staleAfterMs: number;
  maxAttempts: number;
  /** How long after a failed attempt (the n-th) the next one may start. */
  retryDelayMs(attempts: number): number;
}

function recordOf(row: Record<string, unknown>): DigestRecord {
  return {
    id: Number(row.id),
    kind: row.kind as DigestKind,
    period: row.period as string,
    status: row.status as DigestRecord['status'],
    recipients: (row.recipients as string[] | null) ?? [],
    messageId: (row.message_id as string | null) ?? null,
    attempts: Number(row.attempts),
    lastError: (row.last_error as string | null) ?? null,
    sentAt: (row.sent_at as Date | null) ?? null,
    updatedAt: row.updated_at as Date,
  };
}

/** Why an existing row may not be claimed now, or null when it may. */
function refusal(record: DigestRecord, rules: ClaimRules): ClaimRefusal | null {
  const age = rules.now.getTime() - record.updatedAt.getTime();
  if (record.status === 'sent') return 'sent';
  if (record.status === 'sending') return age < rules.staleAfterMs ? 'in-progress' : null;
  if (record.attempts >= rules.maxAttempts) return 'gave-up';
  return age < rules.retryDelayMs(record.attempts) ? 'waiting-retry' : null;
}

/**
 * The digests table as the record of what was sent, and the claim that makes each period go out
 * once. A claim runs in one transaction under a PostgreSQL advisory lock on (kind, period): two
 * instances deciding at the same moment are serialised, and the loser sees the winner's row.
 * (PGlite has a single connection in a single process, where the lock is trivially granted.)
 */
export class DigestsRepository {
  constructor(private readonly knex: Knex) {}

  async claim(kind: DigestKind, period: string, rules: ClaimRules): Promise<Claim> {
    return this.knex.transaction(async (trx) => {
      const lock = await trx.raw('select pg_try_advisory_xact_lock(hashtext(?)) as locked', [
        `hotline-digest:${kind}:${period}`,
      ]);
      if (!lock.rows[0]?.locked) return { claimed: false, reason: 'locked' };
      const fields = {
        status: 'sending',
        recipients: rules.recipients,
        message_id: rules.messageId,
        updated_at: rules.now,
      };
      const [inserted] = await trx('digests')
        .insert({ kind, period, ...fields, attempts: 1, created_at: rules.now })
        .onConflict(['kind', 'period'])
        .ignore()
        .returning('*');
      if (inserted) return { claimed: true, record: recordOf(inserted) };
      const existing = recordOf(await trx('digests').where({ kind, period }).forUpdate().first());
      const reason = refusal(existing, rules);
      if (reason) return { claimed: false, reason, record: existing };
      const [updated] = await trx('digests')
        .where({ id: existing.id })
        .update({ ...fields, attempts: existing.attempts + 1 })
        .returning('*');
      return { claimed: true, record: recordOf(updated) };
    });
  }

  /** Only the attempt that claimed the row may settle it: a stale sender's late answer changes nothing. */
  async markSent(record: DigestRecord, messageId: string, now: Date): Promise<void> {
    await this.knex('digests')
      .where({ id: record.id, attempts: record.attempts, status: 'sending' })
      .update({ status: 'sent', message_id: messageId, sent_at: now, last_error: null, updated_at: now });
  }

  async markFailed(record: DigestRecord, error: string, now: Date): Promise<void> {
    await this.knex('digests')
      .where({ id: record.id, attempts: record.attempts, status: 'sending' })
      .update({ status: 'failed', last_error: error.slice(0, 2000), updated_at: now });
  }

  async find(kind: DigestKind, period: string): Promise<DigestRecord | undefined> {
    const row = await this.knex('digests').where({ kind, period }).first();
    return row ? recordOf(row) : undefined;
  }

  /** Failed digests that will be tried again (for /healthz). */
  async countPendingRetries(maxAttempts: number): Promise<number> {
    const row = await this.knex('digests')
      .where({ status: 'failed' })
      .andWhere('attempts', '<', maxAttempts)
      .count<{ count: number }>({ count: '*' })
      .first();
    return Number(row?.count ?? 0);
  }
}
