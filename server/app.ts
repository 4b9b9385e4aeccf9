import express from 'express';
import type { Registry } from 'prom-client';
import type { Database } from '../core/db/database';
import type { Logger } from '../core/logger';
import { type ApiSettings, createApi } from './api/api';
import { API_BASE_PATH } from './api/api.routes';
import { securityHeaders } from './api/http/security-headers';
import { CITIZEN_BASE_PATH, type CitizenSiteSettings, citizenRouter } from './citizen/citizen.router';
import { type HealthSource, healthHandler, readinessHandler } from './health';
import { metricsHandler } from './metrics/metrics.http';
import { notFound, renderError } from './middleware/errors';
import { requestContext } from './middleware/request-context';
import { refuseUnstorableText } from './middleware/storable-text';
import { OPEN311_BASE_PATH, type Open311Settings, open311Router } from './open311/open311.router';
import { webRouter } from './web/web.router';

export interface AppDependencies {
  logger: Logger;
  db: Database;
  healthSources: readonly HealthSource[];
  startedAt?: Date;
  /** Sources /readyz requires up besides the database (e.g. 'ari' when ARI_URL is set). */
  requiredForReady?: readonly string[];
  /** /metrics on this app, behind the bearer token; left out when metrics live on their own port. */
  metrics?: { registry: Registry; token: string };
  /** The REST API under /api/v1; left out by tests that need only /healthz and the page. */
  api?: ApiSettings;
  /** The citizen site's limits and clock; the site under /p/ is always served. */
  citizen?: Pick<CitizenSiteSettings, 'submissionLimit' | 'trackingLimit' | 'now'>;
  /** Open311's per-key limit and clock; GeoReport v2 under /open311 is always served. */
  open311?: Pick<Open311Settings, 'keyLimit' | 'now'>;
}

/** Builds the express app without listening, so tests drive it with supertest. */
export function createApp(deps: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestContext(deps.logger));
  app.use(securityHeaders());
  // Before the JSON parser: the site and Open311 read forms only, with their own limits and error answers.
  app.use(
    CITIZEN_BASE_PATH,
    citizenRouter({
      knex: deps.db.knex,
      logger: deps.logger,
      timeZone: deps.api?.timeZone ?? 'Asia/Ho_Chi_Minh',
      ...(deps.api?.now && { now: deps.api.now }),
      ...deps.citizen,
    }),
  );
  app.use(
    OPEN311_BASE_PATH,
    open311Router({
      knex: deps.db.knex,
      logger: deps.logger,
      timeZone: deps.api?.timeZone ?? 'Asia/Ho_Chi_Minh',
      ...(deps.api?.publicUrl && { publicUrl: deps.api.publicUrl }),
      ...(deps.api?.now && { now: deps.api.now }),
      ...deps.open311,
    }),
  );
  app.use(express.json({ limit: '1mb' }));
  app.use(refuseUnstorableText);

  app.get('/healthz', healthHandler(deps.db, deps.healthSources, deps.startedAt ?? new Date()));
  app.get('/readyz', readinessHandler(deps.db, deps.healthSources, new Set(deps.requiredForReady ?? [])));
  if (deps.metrics) app.get('/metrics', metricsHandler(deps.metrics.registry, deps.metrics.token));
  if (deps.api) app.use(API_BASE_PATH, createApi(deps.db, deps.logger, deps.api).router);
  app.use(webRouter());

  app.use(notFound);
  app.use(renderError);
  return app;
}
