import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** Six digits: short enough to hear at the end of a call and type on a phone; guessing is rate-limited. */
export const TRACKING_SECRET_DIGITS = 6;

export function newTrackingSecret(): string {
  return String(randomInt(0, 10 ** TRACKING_SECRET_DIGITS)).padStart(TRACKING_SECRET_DIGITS, '0');
}

/** What is stored: the secret bound to its ticket's code, so one hash never fits another ticket. */
export function trackingSecretHash(code: string, secret: string): string {
  return createHash('sha256').update(`${code.toUpperCase()}:${secret}`).digest('hex');
}

export function trackingSecretMatches(storedHash: string | null, code: string, secret: string): boolean {
  if (storedHash === null || !/^\d{6}$/.test(secret)) return false;
  const given = Buffer.from(trackingSecretHash(code, secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
