import { z } from 'zod';
import type { ResponseSpec } from '../http/operation';

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable kebab-case code, e.g. validation-failed, not-found, csrf-failed'),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'validation-failed: details.issues [{path, message}] name each field at fault; weak-password: details.field and details.reason (too-short, surrounding-spaces, common, predictable, digits-only, personal)',
  401: 'unauthorized (no live session) or invalid-credentials',
  403: 'forbidden (role), csrf-failed (missing or wrong X-CSRF-Token) or password-change-required',
  404: 'not-found (also for a ticket or unit outside your scope)',
  409: 'conflict: code-taken, invalid-transition',
  429: 'too-many-attempts: wait the Retry-After header (also details.retryAfterSeconds); the same answer for a known or unknown user',
  502: 'ari-unavailable: Asterisk cannot be reached',
};

export function errorResponses(...statuses: number[]): Record<number, ResponseSpec> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status] ?? 'error', schema: errorSchema },
    ]),
  );
}

/** Positive integer ids in the path, as strings in, numbers out. */
export const idParams = z.object({
  id: z.coerce
    .number()
    .int('must be a whole number')
    .positive('must be a positive id')
    .max(2 ** 31 - 1),
});

export const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

/** Ticket ids are bigint in the database; JavaScript numbers hold them exactly up to 2^53. */
export const bigIdParams = z.object({
  id: z.coerce
    .number()
    .int('must be a whole number')
    .positive('must be a positive id')
    .max(Number.MAX_SAFE_INTEGER),
});
