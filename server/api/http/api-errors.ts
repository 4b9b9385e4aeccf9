import { AppError } from '../../../core/errors';

/** Errors only the API raises; each has its stable code from the API contract. */
export class ForbiddenError extends AppError {
  constructor(message = 'Your role may not do this') {
    super(403, 'forbidden', message);
  }
}

export class CsrfError extends AppError {
  constructor() {
    super(403, 'csrf-failed', 'Missing or wrong X-CSRF-Token header; reload the page and try again');
  }
}

export class PasswordChangeRequiredError extends AppError {
  constructor() {
    super(403, 'password-change-required', 'Change your password before doing anything else');
  }
}

export class InvalidCookieError extends AppError {
  constructor(name: string) {
    super(
      400,
      'invalid-cookie',
      `Cookie ${name} is not valid percent-encoding; it was cleared, sign in again`,
      { cookie: name },
      { cookie: name },
    );
  }
}

export class InvalidCredentialsError extends AppError {
  constructor() {
    super(401, 'invalid-credentials', 'Wrong username or password');
  }
}

export class TooManyAttemptsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    // One answer for every cause (address, account, device, known user or not): it tells a stranger nothing.
    super(
      429,
      'too-many-attempts',
      'Too many sign-in attempts; wait and try again',
      { retryAfterSeconds },
      { retryAfterSeconds },
    );
  }
}

export class InvalidTransitionError extends AppError {
  constructor(from: string, to: string, why: string) {
    super(
      409,
      'invalid-transition',
      `Status cannot change from ${from} to ${to}: ${why}`,
      { from, to },
      { from, to },
    );
  }
}
