import assert from 'node:assert/strict';
import { UnitCodes, type UnitIdsByCode } from '../../core/units/unit-codes';

/** The units table as a loader reads it, counting its reads. */
function table(initial: Record<string, number>) {
  const state = { rows: new Map(Object.entries(initial)), reads: 0 };
  const load = async (): Promise<UnitIdsByCode> => {
    state.reads += 1;
    return new Map(state.rows);
  };
  return { state, load };
}

describe('UnitCodes: unit ids by code in memory', () => {
  it('reads the units once, then answers from memory until the TTL passes', async () => {
    const { state, load } = table({ '1': 10, '2': 20 });
    let nowMs = 0;
    const codes = new UnitCodes(load, 1000, () => nowMs);
    assert.deepEqual(await codes.idsOf(['2']), new Map([['2', 20]]));
    assert.deepEqual(
      await codes.idsOf(['1', '2']),
      new Map([
        ['1', 10],
        ['2', 20],
      ]),
    );
    assert.equal(state.reads, 1);
    state.rows.set('2', 21);
    nowMs = 1000;
    assert.deepEqual(await codes.idsOf(['2']), new Map([['2', 21]]));
    assert.equal(state.reads, 2);
  });

  it('reads again before calling a code unknown, and leaves out a code no unit has', async () => {
    const { state, load } = table({ '1': 10 });
    const codes = new UnitCodes(load);
    await codes.idsOf(['1']);
    state.rows.set('3', 30);
    assert.deepEqual(
      await codes.idsOf(['1', '3']),
      new Map([
        ['1', 10],
        ['3', 30],
      ]),
    );
    assert.deepEqual(await codes.idsOf(['1', '99']), new Map([['1', 10]]));
    assert.equal(state.reads, 3);
  });

  it('forgets on a change, and keeps no read that began before the change', async () => {
    const { state, load } = table({ '1': 10 });
    const codes = new UnitCodes(load);
    const early = codes.idsOf(['1']);
    codes.forget();
    state.rows.set('1', 11);
    assert.deepEqual(await early, new Map([['1', 10]]));
    assert.deepEqual(await codes.idsOf(['1']), new Map([['1', 11]]));
    assert.equal(state.reads, 2);
  });

  it('shares one read among concurrent lookups, and tries again after a failed read', async () => {
    let reads = 0;
    let fails = true;
    const codes = new UnitCodes(async () => {
      reads += 1;
      if (fails) throw new Error('database away');
      return new Map([['1', 10]]);
    });
    await assert.rejects(Promise.all([codes.idsOf(['1']), codes.idsOf(['1'])]), /database away/);
    assert.equal(reads, 1);
    fails = false;
    assert.deepEqual(await codes.idsOf(['1']), new Map([['1', 10]]));
  });
});
