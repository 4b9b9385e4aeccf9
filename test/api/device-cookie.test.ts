import assert from 'node:assert/strict';
import { DeviceCookies } from '../../server/api/auth/device-cookie';

const NOW = new Date('2026-12-02T08:00:00Z');
const DAY_MS = 86_400_000;
const key = (byte: number) => async () => Buffer.alloc(32, byte);

describe('device cookie', () => {
  const devices = new DeviceCookies(key(1), 30 * DAY_MS);

  it('names the user and a nonce of its own for each sign-in', async () => {
    const first = await devices.verify(await devices.issue(42, NOW), NOW);
    const second = await devices.verify(await devices.issue(42, NOW), NOW);
    assert.equal(first?.userId, 42);
    assert.equal(second?.userId, 42);
    assert.notEqual(first?.nonce, second?.nonce);
  });

  it('is honoured until it expires, and not after', async () => {
    const token = await devices.issue(7, NOW);
    assert.ok(await devices.verify(token, new Date(NOW.getTime() + 30 * DAY_MS - 1000)));
    assert.equal(await devices.verify(token, new Date(NOW.getTime() + 30 * DAY_MS)), null);
  });

  it('refuses a token altered, signed with another key, or malformed', async () => {
    const token = await devices.issue(7, NOW);
    const [, nonce, expires, signature] = token.split('.');
    const refused: [what: string, token: string | undefined][] = [
      ['another user id', `8.${nonce}.${expires}.${signature}`],
      ['a later expiry', `7.${nonce}.${Number(expires) + 1}.${signature}`],
      ['another key', await new DeviceCookies(key(2), 30 * DAY_MS).issue(7, NOW)],
      ['a cut signature', token.slice(0, -1)],
      ['garbage', '%%%'],
      ['nothing', undefined],
    ];
    for (const [what, candidate] of refused) assert.equal(await devices.verify(candidate, NOW), null, what);
  });

  it('reads the key once, and again after a failed read', async () => {
    let reads = 0;
    const flaky = new DeviceCookies(async () => {
      reads += 1;
      if (reads === 1) throw new Error('database unreachable');
      return Buffer.alloc(32, 3);
    }, DAY_MS);
    await assert.rejects(flaky.issue(1, NOW), /database unreachable/);
    await flaky.issue(1, NOW);
    await flaky.issue(2, NOW);
    assert.equal(reads, 2);
  });
});
