import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

/** The one signing key of device cookies (migration 20261202004200), made on first use. */
export class DeviceKeyRepository {
  constructor(private readonly knex: Knex) {}

  async secret(): Promise<Buffer> {
    // Two instances starting together both insert; the first wins and both read its key.
    await this.knex('device_cookie_keys')
      .insert({ id: 1, secret: randomBytes(32) })
      .onConflict('id')
      .ignore();
    const row = await this.knex('device_cookie_keys').where({ id: 1 }).first('secret');
    if (!row) throw new Error('device_cookie_keys holds no key right after inserting one');
    return row.secret as Buffer;
  }
}
