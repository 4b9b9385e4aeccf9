import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: too many to guess, so a fast hash is enough to keep the key out of the database. */
export function newOpen311Key(): string {
  return `o311_${randomBytes(32).toString('base64url')}`;
}

/** What is stored and looked up: the key's SHA-256, never the key. */
export function open311KeyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
