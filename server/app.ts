import express from 'express';
import type { Database } from '../core/db/database';
import type { Logger } from '../core/logger';
import { type ApiSettings, createApi } from './api/api';
import { API_BASE_PATH } from './api/api.routes';
import { securityHeaders } from './api/http/security-headers';
import { type HealthSource, healthHandler } from './health';
import { notFound, renderError } from './http/errors';
import { requestContext } from './http/request-context';
import { webRouter } from './web/web.router';

export interface AppDependencies {
  logger: Logger;
  db: Database;
  healthSources: readonly HealthSource[];
  startedAt?: Date;
  /** The REST API under /api/v1; left out by tests that need only /healthz and the page. */
  api?: ApiSettings;
}

/** Builds the express app without listening, so tests drive it with supertest. */
export function createApp(deps: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestContext(deps.logger));
  app.use(securityHeaders());
  app.use(express.json({ limit: '1mb' }));

  app.get('/healthz', healthHandler(deps.db, deps.healthSources, deps.startedAt ?? new Date()));
  if (deps.api) app.use(API_BASE_PATH, createApi(deps.db, deps.logger, deps.api).router);
  app.use(webRouter());

  app.use(notFound);
  app.use(renderError);
  return app;
}
