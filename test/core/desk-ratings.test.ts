import assert from 'node:assert/strict';
import { summariseRatings } from '../../core/tickets/desk-ratings';

describe('desk ratings: the share of visitors who rated (target 30 %)', () => {
  const counts = { verySatisfied: 20, satisfied: 8, notSatisfied: 2 };
  for (const [visitors, share, meets] of [
    [100, 0.3, true],
    [120, 0.25, false],
    [null, null, null],
    [0, null, null],
  ] as const) {
    it(`30 ratings and ${visitors} visitors: share ${share}, target met ${meets}`, () => {
      const summary = summariseRatings(counts, visitors);
      assert.deepEqual(
        [summary.total, summary.visitors, summary.ratedShare, summary.meetsTarget],
        [30, visitors, share, meets],
      );
    });
  }
});
