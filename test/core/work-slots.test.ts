import assert from 'node:assert/strict';
import { WorkSlots } from '../../core/async/work-slots';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('work slots: at most N pieces of work at once (ARI requests, photo re-encoding)', () => {
  it('runs N at once and the rest in arrival order as slots free', async () => {
    const slots = new WorkSlots(2);
    const started: number[] = [];
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const runs = gates.map((gate, i) =>
      slots.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started, [0, 1]);
    assert.equal(slots.queued, 2);
    gates[1]?.resolve();
    await runs[1];
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started, [0, 1, 2]);
    gates[0]?.reject(new Error('refused'));
    await assert.rejects(runs[0] as Promise<number>, /refused/);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started, [0, 1, 2, 3], 'a failed request frees its slot too');
    gates[2]?.resolve();
    gates[3]?.resolve();
    assert.deepEqual(await Promise.all(runs.slice(2)), [2, 3]);
    assert.equal(slots.queued, 0);
  });

  it('never sends work its caller gave up on while it waited', async () => {
    const slots = new WorkSlots(1);
    const gate = deferred();
    const first = slots.run(() => gate.promise);
    const gaveUp = new AbortController();
    let sent = false;
    const second = slots.run(async () => {
      sent = true;
    }, gaveUp.signal);
    gaveUp.abort(new Error('ARI dial timed out after 10000 ms'));
    gate.resolve();
    await first;
    await assert.rejects(second, /timed out/);
    assert.equal(sent, false);
    assert.equal(await slots.run(async () => 'next'), 'next', 'the slot went on to the next request');
  });

  it('refuses a size that is not a whole number of at least 1', () => {
    assert.throws(() => new WorkSlots(0), /whole number ≥ 1 \(got 0\)/);
    assert.throws(() => new WorkSlots(2.5), /got 2\.5/);
  });
});
