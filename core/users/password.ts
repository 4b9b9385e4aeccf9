import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { AppError, issue } from '../errors';
import { type WeakPasswordReason, weakPassword } from './password-strength';

/**
 * scrypt from node:crypto: a memory-hard KDF that needs no native addon. Parameters are stored in
 * the hash so they can be raised later without invalidating existing passwords.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;
const MAX_MEMORY = 64 * 1024 * 1024;

export const MIN_PASSWORD_LENGTH = 10;

function derive(
  password: string,
  salt: Buffer,
  params: { N: number; r: number; p: number; keyLength: number },
) {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: MAX_MEMORY };
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, params.keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

// A stored key shorter than this compares too few bytes to mean anything (an empty one, none at all).
const MIN_KEY_BYTES = 16;

/** False for a wrong password and for a stored hash that is damaged: verification never fails open. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !keyText) return false;
  const expected = Buffer.from(keyText, 'base64');
  if (expected.length < MIN_KEY_BYTES) return false;
  let actual: Buffer;
  try {
    actual = await derive(password, Buffer.from(saltText, 'base64'), {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      keyLength: expected.length,
    });
  } catch {
    // scrypt refuses only its parameters (a cost that is not a power of two, beyond the memory limit).
    return false;
  }
  return timingSafeEqual(actual, expected);
}

export type PasswordProblemReason = 'too-short' | 'surrounding-spaces' | WeakPasswordReason;

export interface PasswordProblem {
  reason: PasswordProblemReason;
  message: string;
}

/**
 * Why a password is refused, or null when it is acceptable. `names` are the account's user name
 * and display name, which the password must not contain.
 */
export function passwordProblem(password: string, names: readonly string[] = []): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return { reason: 'too-short', message: `must have at least ${MIN_PASSWORD_LENGTH} characters` };
  if (password.trim() !== password)
    return { reason: 'surrounding-spaces', message: 'must not start or end with spaces' };
  return weakPassword(password, names);
}

/** A refused password, named by field and reason (the web app words each reason for the user). */
export class WeakPasswordError extends AppError {
  constructor(field: string, problem: PasswordProblem) {
    super(
      400,
      'weak-password',
      `${field} ${problem.message}`,
      { field, reason: problem.reason },
      { field, reason: problem.reason, issues: [issue(field, 'invalid', problem.message)] },
    );
  }
}

/** A random password a person can read out and type: 16 characters without look-alikes. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('');
}
