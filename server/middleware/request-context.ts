import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../../core/logger';

declare global {
  namespace Express {
    interface Locals {
      reqId: string;
      log: Logger;
    }
  }
}

const INCOMING_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Express 5 parses the query string again at every read of req.query (the storable-text check,
 * then the operation's validation): parsed once here, the request keeps that value.
 */
function parseQueryOnce(req: Request): void {
  Object.defineProperty(req, 'query', {
    value: req.query,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/**
 * Gives every request an id (kept from X-Request-Id when sane), a child logger, an access line,
 * and its query string parsed once.
 */
export function requestContext(logger: Logger) {
  // winston pushes every line through its stream before the level filter drops it: skip that work
  // on every request when access lines are off (the default level, info, is above http).
  const isAccessLogged = logger.isLevelEnabled('http');
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id');
    const reqId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    res.locals.reqId = reqId;
    res.locals.log = logger.child({ reqId });
    res.setHeader('X-Request-Id', reqId);
    if (isAccessLogged) logAccess(req, res);
    parseQueryOnce(req);
    next();
  };
}

function logAccess(req: Request, res: Response): void {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    res.locals.log.http('request', {
      method: req.method,
      path: req.path,
      status: res.statusCode,
      ms: Math.round(ms * 10) / 10,
    });
  });
}
