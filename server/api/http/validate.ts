import type { z } from 'zod';
import { ValidationError } from '../../../core/errors';

export interface ValidationIssue {
  /** Dotted path of the field ('shifts.2.start'); the part's name ('body', 'query') for the whole part. */
  path: string;
  message: string;
}

/**
 * Parses one part of a request with its schema: the typed value, or a ValidationError whose
 * details.issues name each field at fault, so a form can show the message beside the field.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues: ValidationIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : part,
    message: issue.message,
  }));
  const first = issues[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new ValidationError(`Invalid ${part}: ${summary}${more}`, { issues });
}
