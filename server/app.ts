import express from 'express';
import type { Database } from '../core/db/database';
import type { Logger } from '../core/logger';
import { type HealthSource, healthHandler } from './health';
import { notFound, renderError } from './http/errors';
import { requestContext } from './http/request-context';
import { webRouter } from './web/web.router';

export interface AppDependencies {
  logger: Logger;
  db: Database;
  healthSources: readonly HealthSource[];
  startedAt?: Date;
}

/** Builds the express app without listening, so tests drive it with supertest. */
export function createApp(deps: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestContext(deps.logger));
  app.use(express.json({ limit: '1mb' }));

  app.get('/healthz', healthHandler(deps.db, deps.healthSources, deps.startedAt ?? new Date()));
  app.use(webRouter());

  app.use(notFound);
  app.use(renderError);
  return app;
}
