import type { NextFunction, Request, Response } from 'express';
import { AppError, NotFoundError } from '../../core/errors';
import { TooManyAttemptsError } from '../api/http/api-errors';
import { clientErrorOf } from './client-errors';

export function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(new NotFoundError('route', `${req.method} ${req.path}`));
}

/** Where a failed request was going: enough to find it again, never its body or query (they hold personal data). */
function requestOf(req: Request) {
  return { method: req.method, path: req.path };
}

/** The one place errors become HTTP responses: {error:{code,message,params,details}}. */
export function renderError(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (error instanceof AppError) {
    if (error.status >= 500)
      res.locals.log.error(error.message, { code: error.code, error, ...requestOf(req) });
    if (error instanceof TooManyAttemptsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res.status(error.status).json({
      error: { code: error.code, message: error.message, params: error.params, details: error.details },
    });
    return;
  }
  const clientError = clientErrorOf(error);
  if (clientError) {
    res.locals.log.warn('request refused', {
      status: clientError.status,
      code: clientError.code,
      reason: clientError.reason,
      ...requestOf(req),
    });
    res
      .status(clientError.status)
      .json({ error: { code: clientError.code, message: clientError.message, params: {} } });
    return;
  }
  res.locals.log.error('unhandled error', { error, ...requestOf(req) });
  res.status(500).json({
    error: { code: 'internal', message: 'Internal error', params: {}, details: { reqId: res.locals.reqId } },
  });
}
