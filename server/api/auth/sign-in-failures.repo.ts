import type { Knex } from 'knex';
import type { FailureCount } from './sign-in-backoff';

/** The failed-attempt counts of migration 20261202004100, by key. */
export class SignInFailuresRepository {
  constructor(private readonly knex: Knex) {}

  async find(keys: readonly string[]): Promise<Map<string, FailureCount>> {
    const rows = await this.knex('sign_in_failures')
      .whereIn('key', keys)
      .select('key', 'failures', 'last_failed_at');
    return new Map(
      rows.map((row) => [row.key, { failures: row.failures, lastFailedAt: row.last_failed_at }]),
    );
  }

  /** Counts one failure atomically; a count last raised before `forgetBefore` starts again at one. */
  async record(key: string, at: Date, forgetBefore: Date): Promise<void> {
    await this.knex('sign_in_failures')
      .insert({ key, failures: 1, last_failed_at: at })
      .onConflict('key')
      .merge({
        failures: this.knex.raw(
          'case when sign_in_failures.last_failed_at < ? then 1 else sign_in_failures.failures + 1 end',
          [forgetBefore],
        ),
        last_failed_at: at,
      });
  }

  async forget(keys: readonly string[]): Promise<void> {
    await this.knex('sign_in_failures').whereIn('key', keys).delete();
  }

  async deleteOlderThan(before: Date): Promise<void> {
    await this.knex('sign_in_failures').where('last_failed_at', '<', before).delete();
  }
}
