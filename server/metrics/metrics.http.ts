import { timingSafeEqual } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Registry } from 'prom-client';
import { UnauthorizedError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { notFound, renderError } from '../middleware/errors';
import { requestContext } from '../middleware/request-context';

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * GET /metrics in Prometheus text format. With a token, only a scrape carrying
 * `Authorization: Bearer <token>` is answered (caller numbers are not in the metrics, but call
 * volumes per unit are not for the public either).
 */
export function metricsHandler(registry: Registry, token: string | undefined): RequestHandler {
  return async (req: Request, res: Response) => {
    if (token !== undefined && !bearerMatches(req.get('authorization'), token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedError('A bearer token is required for /metrics (METRICS_TOKEN)');
    }
    res.setHeader('Content-Type', registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await registry.metrics());
  };
}

/** The app for METRICS_PORT: /metrics alone, meant to listen on 127.0.0.1 for a local Prometheus. */
export function metricsApp(registry: Registry, token: string | undefined, logger: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestContext(logger));
  app.get('/metrics', metricsHandler(registry, token));
  app.use(notFound);
  app.use(renderError);
  return app;
}
