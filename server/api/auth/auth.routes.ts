import type { Request, Response } from 'express';
import { UnauthorizedError } from '../../../core/errors';
import { readCookie, SESSION_COOKIE } from '../http/guard';
import { operation } from '../http/operation';
import { type RateLimiter, rateLimitByIp } from '../http/rate-limit';
import { errorResponses } from '../openapi/common.schemas';
import { loginBody, passwordChangeBody, sessionResponse, sessionStateResponse } from './auth.schemas';
import type { AuthService, ClientInfo } from './auth.service';
import { DEVICE_COOKIE } from './device-cookie';

export function clientOf(req: Request): ClientInfo {
  return {
    ip: req.ip ?? null,
    userAgent: req.get('user-agent')?.slice(0, 300) ?? null,
    deviceToken: readCookie(req, DEVICE_COOKIE),
  };
}

/** Sent only to the auth routes, the one place it is read. */
const DEVICE_COOKIE_PATH = '/api/v1/auth';

function setDeviceCookie(req: Request, res: Response, token: string, maxAgeMs: number): void {
  res.cookie(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: DEVICE_COOKIE_PATH,
    maxAge: maxAgeMs,
  });
}

function setSessionCookie(req: Request, res: Response, token: string, maxAgeMs: number): void {
  // Secure when the request came over TLS (req.secure honours X-Forwarded-Proto from a trusted proxy).
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    maxAge: maxAgeMs,
  });
}

export interface AuthCookieAges {
  sessionMs: number;
  deviceMs: number;
}

export function authRoutes(auth: AuthService, loginLimiter: RateLimiter, cookieAges: AuthCookieAges) {
  return {
    login: operation(
      {
        operationId: 'login',
        summary:
          'Sign in with username and password; sets the session cookie and a "known device" cookie. Failed attempts back off per account (or known device) and per address: 429 too-many-attempts, the same for unknown users',
        tag: 'auth',
        access: 'public',
        csrfExempt: true,
        before: [rateLimitByIp(loginLimiter)],
        body: loginBody,
        responses: {
          200: { description: 'Signed in', schema: sessionResponse },
          ...errorResponses(400, 401, 429),
        },
      },
      async ({ body, req, res }) => {
        const { token, session, deviceToken } = await auth.login(body.username, body.password, clientOf(req));
        setSessionCookie(req, res, token, cookieAges.sessionMs);
        setDeviceCookie(req, res, deviceToken, cookieAges.deviceMs);
        return { status: 200, body: { user: session.user, csrfToken: session.csrfToken } };
      },
    ),

    logout: operation(
      {
        operationId: 'logout',
        summary: 'Sign out: ends the session and clears the cookie',
        tag: 'auth',
        access: 'signed-in',
        allowedBeforePasswordChange: true,
        responses: { 204: { description: 'Signed out' }, ...errorResponses(401, 403) },
      },
      async ({ req, res }) => {
        const session = res.locals.session;
        if (!session) throw new UnauthorizedError();
        await auth.logout(session, clientOf(req));
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        return { status: 204 };
      },
    ),

    me: operation(
      {
        operationId: 'me',
        summary: 'The signed-in user and the CSRF token of the session',
        tag: 'auth',
        access: 'signed-in',
        allowedBeforePasswordChange: true,
        responses: { 200: { description: 'Signed in', schema: sessionResponse }, ...errorResponses(401) },
      },
      async ({ res }) => {
        const session = res.locals.session;
        if (!session) throw new UnauthorizedError();
        return { status: 200, body: { user: session.user, csrfToken: session.csrfToken } };
      },
    ),

    session: operation(
      {
        operationId: 'session',
        summary:
          'Whether the request is signed in: 200 {signedIn:false}, or {signedIn:true} with the user and the CSRF token (what the web app asks on load, where /auth/me would answer 401)',
        tag: 'auth',
        access: 'public',
        responses: { 200: { description: 'Signed in or not', schema: sessionStateResponse } },
      },
      async ({ res }) => {
        const session = res.locals.session;
        const body = session
          ? { signedIn: true as const, user: session.user, csrfToken: session.csrfToken }
          : { signedIn: false as const };
        return { status: 200, body };
      },
    ),

    changePassword: operation(
      {
        operationId: 'changePassword',
        summary:
          'Change the password; signs out every other session of the user. A wrong current password counts as a failed sign-in (same back-off, 429)',
        tag: 'auth',
        access: 'signed-in',
        allowedBeforePasswordChange: true,
        body: passwordChangeBody,
        responses: { 204: { description: 'Changed' }, ...errorResponses(400, 401, 403, 429) },
      },
      async ({ body, req, res }) => {
        const session = res.locals.session;
        if (!session) throw new UnauthorizedError();
        await auth.changePassword(session, body.currentPassword, body.newPassword, clientOf(req));
        return { status: 204 };
      },
    ),
  };
}
