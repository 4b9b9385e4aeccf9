import type { ErrorCode, ErrorParams, IssueCode } from './error-codes';

export type { ErrorCode, ErrorParams, IssueCode } from './error-codes';

/**
 * Errors that cross a boundary carry a stable kebab-case code and the params that word it (field
 * names, limits, codes: never a sentence); the HTTP layer renders them once as
 * {error:{code,message,params,details}} with the status each class names. `message` is English
 * for scripts and logs; a person reads the web app's own words for the code.
 */
export class AppError extends Error {
  readonly params: ErrorParams;

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    params: ErrorParams = {},
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.params = params;
  }
}

/** One field at fault: its dotted path ('shifts.2.start', or the part's name 'body' for the whole part). */
export interface ValidationIssue {
  path: string;
  code: IssueCode;
  params: ErrorParams;
  message: string;
}

export function issue(
  path: string,
  code: IssueCode,
  message: string,
  params: ErrorParams = {},
): ValidationIssue {
  return { path, code, params, message };
}

/** A 400 naming each field at fault in details.issues; params.field is the first of them. */
export class ValidationError extends AppError {
  readonly issues: ValidationIssue[];

  constructor(part: string, issues: [ValidationIssue, ...ValidationIssue[]]) {
    const [first] = issues;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(
      400,
      'validation-failed',
      `Invalid ${part}: ${first.path}: ${first.message}${more}`,
      { field: first.path },
      {
        issues,
      },
    );
    this.issues = issues;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string | number) {
    super(404, 'not-found', `${what} ${id} was not found`, { what, id }, { what, id });
  }
}

/** A value another record already holds (a unit code, a contact's dial, a username), naming the field. */
export class TakenError extends AppError {
  constructor(
    code:
      | 'code-taken'
      | 'code-is-complaint-key'
      | 'dial-taken'
      | 'username-taken'
      | 'desk-name-taken'
      | 'category-taken'
      | 'procedure-code-taken',
    field: string,
    value: string,
    message: string,
  ) {
    super(409, code, message, { field, value }, { field, [field]: value });
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign-in required') {
    super(401, 'unauthorized', message);
  }
}

export class UpstreamError extends AppError {
  constructor(service: 'ari', message: string, options?: { cause?: unknown }) {
    super(502, `${service}-unavailable`, message, { service }, { service }, options);
  }
}
