/**
 * Every code the API can answer with, and every code of a field's issue inside a
 * validation-failed answer. The web app words each one (`error.<code>` in both dictionaries);
 * test/web/ui-errors.test.ts fails on a code here without a Vietnamese and an English message.
 * AppError and ValidationIssue take only these codes, so a new code cannot skip this list.
 */
export const ERROR_CODES = [
  'validation-failed',
  'not-found',
  'unauthorized',
  'forbidden',
  'csrf-failed',
  'password-change-required',
  'invalid-cookie',
  'invalid-credentials',
  'too-many-attempts',
  'weak-password',
  'code-taken',
  'dial-taken',
  'username-taken',
  'desk-name-taken',
  'category-taken',
  'procedure-code-taken',
  'own-account',
  'last-admin',
  'invalid-transition',
  'confidential-admin-only',
  'callbacks-unavailable',
  'callback-not-needed',
  'no-caller-number',
  'no-unit',
  'callback-in-progress',
  'nobody-on-duty',
  'live-unavailable',
  'too-many-streams',
  'ari-unavailable',
  'poster-font-missing',
  'invalid-json',
  'invalid-content-encoding',
  'invalid-path',
  'bad-request',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What is wrong with one field of a validation-failed answer; its params say the limits. */
export const ISSUE_CODES = [
  'required',
  'wrong-type',
  'too-short',
  'too-long',
  'too-small',
  'too-big',
  'too-few',
  'too-many',
  'not-whole-number',
  'invalid-format',
  'invalid-email',
  'invalid-date-time',
  'invalid-choice',
  'unknown-field',
  'invalid',
  'out-of-range-year',
  'invalid-time',
  'ends-before-start',
  'nothing-to-change',
  'invalid-dial',
  'invalid-phone',
  'wrong-password',
  'same-password',
  'reason-required',
  'unknown-cursor',
  'unknown-unit',
  'same-unit',
  'already-in-unit',
  'unit-scope-required',
  'unit-scope-not-allowed',
  'not-unit-contact',
  'unknown-week',
  'unstorable-text',
  'invalid-recording-name',
  'invalid-procedure-code',
  'invalid-portal-url',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Values that word a message: field names, limits, codes; never a sentence. */
export type ErrorParams = Record<string, string | number>;
