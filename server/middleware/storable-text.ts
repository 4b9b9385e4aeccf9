import type { NextFunction, Request, Response } from 'express';
import { issue, ValidationError, type ValidationIssue } from '../../core/errors';

/** PostgreSQL refuses U+0000 in text and jsonb; a lone UTF-16 surrogate is no character in UTF-8. */
const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function faultOf(text: string): string | undefined {
  if (text.includes(NUL)) return 'must not contain a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain a lone UTF-16 surrogate (invalid Unicode)';
  return undefined;
}

interface Visit {
  value: unknown;
  key: string;
  parent: Visit | undefined;
}

function pathOf(visit: Visit, part: string): string {
  const keys: string[] = [];
  for (let at: Visit | undefined = visit; at?.parent !== undefined; at = at.parent) keys.unshift(at.key);
  return keys.length > 0 ? keys.join('.') : part;
}

/**
 * A string in a parsed body or query that no database column can hold, with its dotted path.
 * Iterative with parent links, so a deeply nested body costs neither stack nor quadratic memory.
 */
function unstorableText(value: unknown, part: string): ValidationIssue | undefined {
  const pending: Visit[] = [{ value, key: part, parent: undefined }];
  for (let visit = pending.pop(); visit !== undefined; visit = pending.pop()) {
    if (typeof visit.value === 'string') {
      const message = faultOf(visit.value);
      if (message) return issue(pathOf(visit, part), 'unstorable-text', message);
    } else if (typeof visit.value === 'object' && visit.value !== null) {
      for (const [key, child] of Object.entries(visit.value))
        pending.push({ value: child, key, parent: visit });
    }
  }
  return undefined;
}

/** Refuses, before any route runs, a body or query holding text that cannot be stored (a 400 naming the field). */
export function refuseUnstorableText(req: Request, _res: Response, next: NextFunction): void {
  for (const [part, value] of [
    ['query', req.query],
    ['body', req.body],
  ] as const) {
    const fault = unstorableText(value, part);
    if (fault) throw new ValidationError(part, [fault]);
  }
  next();
}
