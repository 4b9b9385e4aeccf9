import { z } from 'zod';
import { ERROR_CODES, ISSUE_CODES } from '../../../core/error-codes';

export const errorSchema = z
  .object({
    error: z.object({
      code: z
        .enum(ERROR_CODES)
        .describe('Stable kebab-case code, e.g. validation-failed, not-found, csrf-failed; clients word it'),
      message: z.string().describe('English, for scripts and logs'),
      params: z
        .record(z.string(), z.union([z.string(), z.number()]))
        .describe('The values that word the code: field names, limits, codes (never a sentence)'),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400:
    'validation-failed: params.field is the first field at fault; details.issues [{path, code, params, message}] ' +
    `name each field, with one of the codes ${ISSUE_CODES.join(', ')} (also unstorable-text for NUL or a lone ` +
    'surrogate in any text); weak-password: params.field and params.reason (too-short, surrounding-spaces, ' +
    'common, predictable, digits-only, personal); invalid-json, invalid-content-encoding, invalid-path (a ' +
    'malformed %-escape), invalid-cookie, bad-request',
  401: 'unauthorized (no live session) or invalid-credentials',
  403: 'forbidden (role), csrf-failed (missing or wrong X-CSRF-Token) or password-change-required',
  404: 'not-found (also for a ticket or unit outside your scope)',
  409: 'code-taken, dial-taken, username-taken, desk-name-taken, category-taken, procedure-code-taken (params.field, params.value), invalid-transition (params.from, params.to), own-account (an admin deactivating, demoting or resetting their own account), last-admin (params.username)',
  429: 'too-many-attempts: wait the Retry-After header (also params.retryAfterSeconds); the same answer for a known or unknown user',
  502: 'ari-unavailable: Asterisk cannot be reached',
  503: 'poster-font-missing: the server lacks fonts-dejavu-core; callbacks-unavailable, live-unavailable',
};

/** The error answers of an operation's responses (each a ResponseSpec of http/operation). */
export function errorResponses(
  ...statuses: number[]
): Record<number, { description: string; schema: typeof errorSchema }> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status] ?? 'error', schema: errorSchema },
    ]),
  );
}

/**
 * A whole number written in plain decimal digits, as strings in, numbers out: Number() alone
 * would also take '0x10', '1e3' and ' 16' (and DELETE /contacts/0x10 deleted contact 16).
 */
export const decimalInteger = (max: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, 'must be a whole number in plain decimal digits')
    .transform(Number)
    .pipe(z.number().max(max, `must be at most ${max}`));

const positiveId = (max: number) => decimalInteger(max).pipe(z.number().positive('must be a positive id'));

/** The largest id an integer (int4) column holds. */
const MAX_INT_ID = 2 ** 31 - 1;

/** Positive integer ids in the path. */
export const idParams = z.object({ id: positiveId(MAX_INT_ID) });

/** An id in a JSON body (a contact of a shift or override): a number an int4 column holds. */
export const bodyId = z
  .number()
  .int('must be a whole number')
  .positive('must be a positive id')
  .max(MAX_INT_ID);

/**
 * The instants the API takes: 2000-01-01T00:00Z up to, not including, 2101-01-01T00:00Z. Wider
 * dates are typing mistakes here, and PostgreSQL has no year 0000 at all.
 */
const EARLIEST_INSTANT_MS = Date.UTC(2000, 0, 1);
const LATEST_INSTANT_MS = Date.UTC(2101, 0, 1);

export function isWithinSaneRange(ms: number): boolean {
  return ms >= EARLIEST_INSTANT_MS && ms < LATEST_INSTANT_MS;
}

export const isoDateTime = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
  .refine((text) => isWithinSaneRange(Date.parse(text)), {
    message: 'must be between the years 2000 and 2100',
    params: { code: 'out-of-range-year' },
    // Only of a well-formed date-time: one that is not gets the format's message alone.
    when: (payload) => payload.issues.length === 0,
  });

/** Ticket ids are bigint in the database; JavaScript numbers hold them exactly up to 2^53. */
export const bigIdParams = z.object({ id: positiveId(Number.MAX_SAFE_INTEGER) });
