import type { Knex } from 'knex';
import type { FailureCount } from './sign-in-backoff';

export interface CountedKey {
  key: string;
  /** A count last raised before this starts again at one. */
  forgetBefore: Date;
}

/** The failed-attempt counts of migration 20261202004100, by key. */
export class SignInFailuresRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Looks at the counts of `keys` with their rows locked, so that concurrent attempts are decided
   * one after another; unless `waitFor` says to wait, counts this attempt as one more failure of
   * each key before the password is even checked (success takes it back). A burst of parallel
   * attempts thus gets no more through than the same attempts one by one.
   */
  async claim(
    keys: readonly CountedKey[],
    at: Date,
    waitFor: (counts: Map<string, FailureCount>) => number,
  ): Promise<number> {
    // One lock order for every attempt, so that two of them never wait on each other.
    const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key));
    const names = sorted.map((k) => k.key);
    return this.knex.transaction(async (trx) => {
      await trx('sign_in_failures')
        .insert(names.map((key) => ({ key, failures: 0, last_failed_at: new Date(0) })))
        .onConflict('key')
        .ignore();
      const rows = await trx('sign_in_failures')
        .whereIn('key', names)
        .orderBy('key')
        .forUpdate()
        .select('key', 'failures', 'last_failed_at');
      const counts = new Map(
        rows.map((row) => [row.key as string, { failures: row.failures, lastFailedAt: row.last_failed_at }]),
      );
      const wait = waitFor(counts);
      if (wait > 0) return wait;
      for (const { key, forgetBefore } of sorted) {
        await trx('sign_in_failures')
          .where({ key })
          .update({
            failures: trx.raw('case when last_failed_at < ? then 1 else failures + 1 end', [forgetBefore]),
            last_failed_at: at,
          });
      }
      return 0;
    });
  }

  async forget(keys: readonly string[]): Promise<void> {
    await this.knex('sign_in_failures').whereIn('key', keys).delete();
  }

  /** Takes back the failure a successful attempt was counted as when it was claimed. */
  async uncount(keys: readonly string[]): Promise<void> {
    await this.knex('sign_in_failures')
      .whereIn('key', keys)
      .update({ failures: this.knex.raw('greatest(failures - 1, 0)') });
  }

  /** Skips rows an attempt holds locked: waiting on them in another order could deadlock. */
  async deleteOlderThan(before: Date): Promise<void> {
    await this.knex('sign_in_failures')
      .whereIn(
        'key',
        this.knex('sign_in_failures')
          .where('last_failed_at', '<', before)
          .forUpdate()
          .skipLocked()
          .select('key'),
      )
      .delete();
  }
}
