import type { NextFunction, Request, Response } from 'express';
import { AppError, NotFoundError } from '../../core/errors';
import { TooManyAttemptsError } from '../api/http/api-errors';

export function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(new NotFoundError('route', `${req.method} ${req.path}`));
}

interface BodyParserError {
  type?: string;
  status?: number;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && typeof (error as BodyParserError).type === 'string';
}

/** The one place errors become HTTP responses: {error:{code,message,details}}. */
export function renderError(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (error instanceof AppError) {
    if (error.status >= 500) res.locals.log.error(error.message, { code: error.code, error });
    if (error instanceof TooManyAttemptsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res
      .status(error.status)
      .json({ error: { code: error.code, message: error.message, details: error.details } });
    return;
  }
  if (isBodyParserError(error) && error.status !== undefined && error.status < 500) {
    const code = error.type === 'entity.parse.failed' ? 'invalid-json' : 'bad-request';
    res.status(error.status).json({ error: { code, message: `Request body rejected: ${error.message}` } });
    return;
  }
  res.locals.log.error('unhandled error', { error });
  res
    .status(500)
    .json({ error: { code: 'internal', message: 'Internal error', details: { reqId: res.locals.reqId } } });
}
