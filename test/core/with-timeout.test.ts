import assert from 'node:assert/strict';
import { abortedWithin, TimeoutError, valueWithin, withTimeout } from '../../core/async/with-timeout';

const never = new Promise<never>(() => undefined);
const later = <T>(value: T, ms: number) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('time limits on work', () => {
  it('withTimeout settles as the work does, or rejects naming the work and runs the abandon hook', async () => {
    assert.equal(await withTimeout(later('done', 1), 1000, 'quick work'), 'done');
    let abandoned = false;
    await assert.rejects(
      withTimeout(never, 5, 'AMI Ping', () => {
        abandoned = true;
      }),
      (error: unknown) =>
        error instanceof TimeoutError && error.ms === 5 && error.message === 'AMI Ping timed out after 5 ms',
    );
    assert.ok(abandoned, 'the hook ran on timeout');
  });

  it('valueWithin gives the value when it comes in time, else null, and passes rejections on', async () => {
    assert.equal(await valueWithin(later(7, 1), 1000), 7);
    assert.equal(await valueWithin(never, 5), null);
    await assert.rejects(valueWithin(Promise.reject(new Error('leg gone')), 1000), /leg gone/);
  });

  it('abortedWithin says whether the signal aborts in time, at once when it already has', async () => {
    const early = new AbortController();
    early.abort();
    assert.equal(await abortedWithin(early.signal, 1000), true);
    const soon = new AbortController();
    setTimeout(() => soon.abort(), 1);
    assert.equal(await abortedWithin(soon.signal, 1000), true);
    assert.equal(await abortedWithin(new AbortController().signal, 5), false);
  });
});
