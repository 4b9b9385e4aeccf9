import assert from 'node:assert/strict';
import { type BackoffPolicy, backoffDelayMs, waitMs } from '../../server/api/auth/sign-in-backoff';

const POLICY: BackoffPolicy = {
  freeFailures: 5,
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 3600_000,
};
const NOW = new Date('2026-12-02T08:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe('sign-in back-off', () => {
  const delays: [failures: number, delayMs: number][] = [
    [0, 0],
    [4, 0],
    [5, 30_000],
    [6, 60_000],
    [7, 120_000],
    [8, 240_000],
    [9, 480_000],
    [10, 900_000],
    [11, 900_000],
    [5000, 900_000],
  ];
  for (const [failures, delayMs] of delays) {
    it(`waits ${delayMs / 1000} s after ${failures} failures in a row`, () => {
      assert.equal(backoffDelayMs(failures, POLICY), delayMs);
    });
  }

  const waits: [what: string, count: Parameters<typeof waitMs>[0], expectedMs: number][] = [
    ['no failures', undefined, 0],
    ['free failures', { failures: 4, lastFailedAt: NOW }, 0],
    ['a delay just begun', { failures: 6, lastFailedAt: NOW }, 60_000],
    ['a delay half gone', { failures: 6, lastFailedAt: ago(20_000) }, 40_000],
    ['a delay over', { failures: 6, lastFailedAt: ago(60_000) }, 0],
    ['a count forgotten after a quiet day', { failures: 50, lastFailedAt: ago(24 * 3600_000) }, 0],
    ['free failures stamped after now (a clock set back)', { failures: 2, lastFailedAt: ago(-5000) }, 0],
  ];
  for (const [what, count, expectedMs] of waits) {
    it(`waits ${expectedMs / 1000} s with ${what}`, () => {
      assert.equal(waitMs(count, POLICY, NOW), expectedMs);
    });
  }
});
