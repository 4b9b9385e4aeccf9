import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { UnauthorizedError } from '../../../core/errors';
import { type AuthService, csrfTokenMatches } from '../auth/auth.service';
import { CsrfError, ForbiddenError, InvalidCookieError, PasswordChangeRequiredError } from './api-errors';
import type { OperationSpec } from './operation';

export const SESSION_COOKIE = 'hotline_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function decodedOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = decodedOrUndefined(part.slice(eq + 1).trim());
      if (value === undefined) throw new InvalidCookieError(name);
      return value;
    }
  }
  return undefined;
}

/** The live session the request's cookie names, if any. */
export async function sessionOfRequest(auth: AuthService, req: Request) {
  const token = readCookie(req, SESSION_COOKIE);
  return token ? auth.resume(token) : undefined;
}

/** Puts the session the cookie names (if live) in res.locals.session, for every API request. */
export function loadSession(auth: AuthService): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    res.locals.session = await sessionOfRequest(auth, req).catch((error: unknown) => {
      // Dropping the broken cookie lets the browser's next request, sign-in included, go through.
      if (error instanceof InvalidCookieError) res.clearCookie(SESSION_COOKIE, { path: '/' });
      throw error;
    });
    next();
  };
}

/** The checks an operation's spec asks for, in order: signed in, CSRF token, password current, role. */
export function guardFor(spec: OperationSpec): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const session = res.locals.session;
    if (spec.access === 'public') {
      next();
      return;
    }
    if (!session) throw new UnauthorizedError();
    if (!SAFE_METHODS.has(req.method) && !spec.csrfExempt) {
      if (!csrfTokenMatches(session.csrfToken, req.get(CSRF_HEADER))) throw new CsrfError();
    }
    const { user } = session;
    if (user.mustChangePassword && !spec.allowedBeforePasswordChange) throw new PasswordChangeRequiredError();
    if (spec.access === 'admin' && user.role !== 'admin')
      throw new ForbiddenError('Only administrators may do this');
    if (spec.access === 'editor' && user.role === 'viewer')
      throw new ForbiddenError('Viewers have read-only access');
    next();
  };
}
