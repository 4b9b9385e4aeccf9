import assert from 'node:assert/strict';
import { openDatabase } from '../../core/db/database';
import { createSilentLogger } from '../../core/logger';
import { prepareDatabase } from '../../server/bootstrap';

describe('the sample organisation on the embedded database', () => {
  it('comes once: an operator who removed every unit does not get it back on restart', async () => {
    const db = await openDatabase({ kind: 'pglite', directory: 'memory://' });
    try {
      await prepareDatabase(db, createSilentLogger());
      assert.equal((await db.knex('units').count<{ c: number }>({ c: '*' }).first())?.c, 31);
      await db.knex('units').delete();
      await prepareDatabase(db, createSilentLogger());
      assert.equal((await db.knex('units').count<{ c: number }>({ c: '*' }).first())?.c, 0);
    } finally {
      await db.close();
    }
  });
});
