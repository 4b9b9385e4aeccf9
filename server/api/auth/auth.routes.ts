import type { Request, Response } from 'express';
import { UnauthorizedError } from '../../../core/errors';
import { SESSION_COOKIE } from '../http/guard';
import { operation } from '../http/operation';
import { type RateLimiter, rateLimitByIp } from '../http/rate-limit';
import { errorResponses } from '../openapi/common.schemas';
import { loginBody, passwordChangeBody, sessionResponse } from './auth.schemas';
import type { AuthService, ClientInfo } from './auth.service';

export function clientOf(req: Request): ClientInfo {
  return { ip: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 300) ?? null };
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

export function authRoutes(auth: AuthService, loginLimiter: RateLimiter, cookieMaxAgeMs: number) {
  return {
    login: operation(
      {
        operationId: 'login',
        summary: 'Sign in with username and password; sets the session cookie',
        tag: 'auth',
        access: 'public',
        csrfExempt: true,
        before: [rateLimitByIp(loginLimiter)],
        body: loginBody,
        responses: {
          200: { description: 'Signed in', schema: sessionResponse },
          ...errorResponses(400, 401, 423, 429),
        },
      },
      async ({ body, req, res }) => {
        const { token, session } = await auth.login(body.username, body.password, clientOf(req));
        setSessionCookie(req, res, token, cookieMaxAgeMs);
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

    changePassword: operation(
      {
        operationId: 'changePassword',
        summary: 'Change the password; signs out every other session of the user',
        tag: 'auth',
        access: 'signed-in',
        allowedBeforePasswordChange: true,
        body: passwordChangeBody,
        responses: { 204: { description: 'Changed' }, ...errorResponses(400, 401, 403) },
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
