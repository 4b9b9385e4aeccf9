import type { z } from 'zod';
import { ISSUE_CODES } from '../../../core/error-codes';
import {
  type ErrorParams,
  type IssueCode,
  issue,
  ValidationError,
  type ValidationIssue,
} from '../../../core/errors';

type ZodIssue = z.core.$ZodIssue;

const SIZE_CODES: Record<'too_small' | 'too_big', Record<string, IssueCode>> = {
  too_small: {
    string: 'too-short',
    number: 'too-small',
    int: 'too-small',
    bigint: 'too-small',
    array: 'too-few',
    set: 'too-few',
  },
  too_big: {
    string: 'too-long',
    number: 'too-big',
    int: 'too-big',
    bigint: 'too-big',
    array: 'too-many',
    set: 'too-many',
  },
};

const FORMAT_CODES: Record<string, IssueCode> = { email: 'invalid-email', datetime: 'invalid-date-time' };

function isIssueCode(value: unknown): value is IssueCode {
  return typeof value === 'string' && (ISSUE_CODES as readonly string[]).includes(value);
}

/**
 * The stable code of a zod issue and the params that word it. A schema's own rule (refine,
 * addIssue) names its code in `params.code`; zod's built-in checks map by kind.
 */
function codeOf(zodIssue: ZodIssue): { code: IssueCode; params: ErrorParams } {
  switch (zodIssue.code) {
    case 'custom': {
      const { code, ...params } = (zodIssue.params ?? {}) as Record<string, string | number>;
      return { code: isIssueCode(code) ? code : 'invalid', params };
    }
    case 'invalid_type':
      return {
        code: zodIssue.input === undefined || zodIssue.input === null ? 'required' : 'wrong-type',
        params: { expected: zodIssue.expected },
      };
    case 'too_small': {
      const min = Number(zodIssue.minimum);
      if (zodIssue.origin === 'string' && min === 1) return { code: 'required', params: {} };
      return { code: SIZE_CODES.too_small[zodIssue.origin] ?? 'too-small', params: { min } };
    }
    case 'too_big':
      return {
        code: SIZE_CODES.too_big[zodIssue.origin] ?? 'too-big',
        params: { max: Number(zodIssue.maximum) },
      };
    case 'not_multiple_of':
      return { code: 'not-whole-number', params: {} };
    case 'invalid_format':
      return { code: FORMAT_CODES[zodIssue.format] ?? 'invalid-format', params: {} };
    case 'invalid_value':
      return { code: 'invalid-choice', params: { options: zodIssue.values.map(String).join(', ') } };
    case 'invalid_union': {
      // A discriminated union's tag (`action`) that names none of its options.
      const { options } = zodIssue as { options?: unknown };
      if (Array.isArray(options))
        return { code: 'invalid-choice', params: { options: options.map(String).join(', ') } };
      return { code: 'invalid', params: {} };
    }
    case 'unrecognized_keys':
      return { code: 'unknown-field', params: { keys: zodIssue.keys.join(', ') } };
    default:
      return { code: 'invalid', params: {} };
  }
}

function issueOf(zodIssue: ZodIssue, part: string): ValidationIssue {
  const path = zodIssue.path.length > 0 ? zodIssue.path.map(String).join('.') : part;
  const { code, params } = codeOf(zodIssue);
  return issue(path, code, zodIssue.message, params);
}

/**
 * Parses one part of a request with its schema: the typed value, or a ValidationError whose
 * details.issues name each field at fault with a code, so a form can word it beside the field.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  // reportInput: zod 4 leaves the value out of an issue otherwise, and a wrong type then reads as a
  // missing field. The input is read by codeOf only; no answer or log carries it.
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((zodIssue) => issueOf(zodIssue, part));
  const [first, ...rest] = issues;
  throw new ValidationError(part, first ? [first, ...rest] : [issue(part, 'invalid', 'invalid')]);
}
