import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { advisoryLockKey, LeaderLock } from '../../core/db/leader-lock';
import { createSilentLogger } from '../../core/logger';
import { createTestDatabase, POSTGRES_SERVER_AVAILABLE, type TestDatabase } from '../support/database';

const eventually = async (predicate: () => boolean, what: string, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('advisoryLockKey', () => {
  it('is a fixed signed 64-bit number per name, so every instance and version agrees', () => {
    assert.equal(advisoryLockKey('ari asterisk:8088/hotline'), '8297484494894099886');
    assert.notEqual(advisoryLockKey('ari asterisk:8088/hotline'), advisoryLockKey('ari asterisk:8088/other'));
  });
});

if (POSTGRES_SERVER_AVAILABLE) {
  describe('LeaderLock on PostgreSQL', () => {
    let test: TestDatabase;
    const locks: LeaderLock[] = [];
    before(async () => {
      test = await createTestDatabase({ migrate: false });
    });
    afterEach(async () => {
      for (const lock of locks.splice(0)) await lock.stop();
    });
    after(async () => test?.drop());

    function competitor(name: string) {
      const lock = new LeaderLock({ url: test.url as string, name, logger: createSilentLogger() });
      const seen: string[] = [];
      locks.push(lock);
      lock.start({ onAcquired: () => seen.push('acquired'), onLost: () => seen.push('lost') });
      return { lock, seen };
    }

    it('grants one holder; the other waits and takes over once the holder stops', async () => {
      const name = `test ${randomUUID()}`;
      const first = competitor(name);
      await eventually(() => first.lock.state === 'held', 'the first to hold the lock');
      const second = competitor(name);
      await eventually(
        () => second.lock.health().lockError === undefined && second.seen.length === 0,
        'a try',
      );
      await new Promise((resolve) => setTimeout(resolve, 1200));
      assert.equal(second.lock.state, 'waiting');
      await first.lock.stop();
      await eventually(() => second.lock.state === 'held', 'the second to take over');
      assert.deepEqual(first.seen, ['acquired']);
      assert.deepEqual(second.seen, ['acquired']);
    });

    it('after standing down, leaves the lock to another and competes again only after the pause', async () => {
      const name = `test ${randomUUID()}`;
      const first = competitor(name);
      await eventually(() => first.lock.state === 'held', 'the first to hold the lock');
      await first.lock.standDown(60_000);
      assert.equal(first.lock.state, 'waiting');
      const second = competitor(name);
      await eventually(() => second.lock.state === 'held', 'the second to take the freed lock');
      await second.lock.stop();
      await new Promise((resolve) => setTimeout(resolve, 1200));
      assert.equal(first.lock.state, 'waiting', 'still pausing');
    });
  });
}
