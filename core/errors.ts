/**
 * Errors that cross a boundary carry a stable kebab-case code; the HTTP layer renders them once
 * as {error:{code,message,details}} with the status each class names.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, 'validation-failed', message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string | number) {
    super(404, 'not-found', `${what} ${id} was not found`, { what, id });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super(409, 'conflict', message, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign-in required') {
    super(401, 'unauthorized', message);
  }
}

export class UpstreamError extends AppError {
  constructor(service: string, message: string, options?: { cause?: unknown }) {
    super(502, `${service}-unavailable`, message, { service }, options);
  }
}
