import express from 'express';
import type { Database } from '../../core/db/database';
import type { Logger } from '../../core/logger';
import { RatingsTableRepository } from '../../core/tickets/ratings-table.repo';
import type { RecordingStore } from '../../core/tickets/recording-store.port';
import { DirectoryRepository } from '../../core/units/directory.repo';
import { UnitCodes } from '../../core/units/unit-codes';
import { AccountsRepository } from '../../core/users/accounts.repo';
import { UsersRepository } from '../../core/users/users.repo';
import { apiRoutes } from './api.routes';
import { AuditRepository } from './audit/audit.repo';
import { AuditLogRepository } from './audit/audit-log.repo';
import { auditLogRoutes } from './audit/audit-log.routes';
import { AuthRepository } from './auth/auth.repo';
import { authRoutes } from './auth/auth.routes';
import { AuthService, type AuthSettings, DEFAULT_AUTH_SETTINGS } from './auth/auth.service';
import { DeviceCookies } from './auth/device-cookie';
import { DeviceKeyRepository } from './auth/device-key.repo';
import { SessionCache } from './auth/session-cache';
import { SignInFailuresRepository } from './auth/sign-in-failures.repo';
import { SignInThrottle } from './auth/sign-in-throttle';
import type { CallbackPlacer } from './callbacks/callbacks.port';
import { CallbacksRepository } from './callbacks/callbacks.repo';
import { callbackRoutes } from './callbacks/callbacks.routes';
import { CallbacksService } from './callbacks/callbacks.service';
import { CategoriesRepository } from './categories/categories.repo';
import { categoryRoutes } from './categories/categories.routes';
import { DashboardRepository } from './dashboard/dashboard.repo';
import { dashboardRoutes } from './dashboard/dashboard.routes';
import { DashboardService } from './dashboard/dashboard.service';
import { DeskRatingsService } from './desks/desk-ratings.service';
import { DesksRepository, DeskVisitorsRepository } from './desks/desks.repo';
import { deskRoutes } from './desks/desks.routes';
import { DesksService } from './desks/desks.service';
import { exportRoutes } from './export/export.routes';
import { ExportService } from './export/export.service';
import type { RegisteredRoute } from './http/api-router';
import { loadSession, sessionOfRequest } from './http/guard';
import { RateLimiter, type RateLimitSettings } from './http/rate-limit';
import { LiveCallerAudit } from './live/live.audit';
import { type LiveFeed, liveRoutes } from './live/live.routes';
import { Open311KeysRepository } from './open311-keys/open311-keys.repo';
import { open311KeyRoutes } from './open311-keys/open311-keys.routes';
import { posterRoutes } from './posters/posters.routes';
import { PostersService } from './posters/posters.service';
import { procedureRoutes } from './procedures/procedures.routes';
import { ProceduresService } from './procedures/procedures.service';
import { SpamService } from './tickets/spam.service';
import { TicketMedia } from './tickets/ticket-media.service';
import { TicketTransfers } from './tickets/ticket-transfer';
import { TicketBulk } from './tickets/tickets.bulk';
import { TicketsRepository } from './tickets/tickets.repo';
import { ticketRoutes } from './tickets/tickets.routes';
import { TicketsService } from './tickets/tickets.service';
import { RosterChanges } from './units/roster-changes';
import { RostersRepository } from './units/rosters.repo';
import { rosterRoutes } from './units/rosters.routes';
import { RostersService } from './units/rosters.service';
import { UnitsRepository } from './units/units.repo';
import { unitRoutes } from './units/units.routes';
import { UnitsService } from './units/units.service';
import { userRoutes } from './users/users.routes';
import { UsersService } from './users/users.service';

export interface ApiSettings {
  /** The origin posters' QR codes point at (config.publicUrl); without it, the request's own origin. */
  publicUrl?: string;
  /** Weeks, days and spreadsheet times are in this zone (config.timeZone). */
  timeZone: string;
  /** Where recordings are streamed from; undefined without ARI (playing answers 502 ari-unavailable). */
  recordings?: RecordingStore;
  /** Called after every change to units or rosters; main wires it to RosterStore.refresh. */
  onRosterChanged: () => Promise<void> | void;
  auth?: Partial<AuthSettings>;
  /** Unit ids by code; main hands in the one its roster_changed listener keeps honest. */
  unitCodes?: UnitCodes;
  /** Recently resumed sessions; main hands in the one its sessions_changed listener keeps honest. */
  sessionCache?: SessionCache;
  /** Sign-in attempts per client IP, failed or not, a flood guard in memory; default 20 per 15 minutes. */
  loginRateLimit?: RateLimitSettings;
  now?: () => Date;
  /** The live board (calls in progress, who is on duty); /live answers 503 without it. */
  live?: LiveFeed;
  /** How often an open live stream is kept alive and its session re-checked; default 20 s. */
  liveHeartbeatMs?: number;
  /** Live-board streams one session may hold open in this instance; default 3. */
  maxLiveStreamsPerSession?: number;
  /** The IVR's callback use case; undefined when ARI is not configured (callbacks answer 503). */
  callbacks?: CallbackPlacer;
}

export const DEFAULT_LOGIN_RATE_LIMIT: RateLimitSettings = { max: 20, windowMs: 15 * 60_000 };

export interface Api {
  router: express.Router;
  routes: readonly RegisteredRoute[];
}

/** Builds every repository, service and route of the REST API once, from its dependencies. */
export function createApi(db: Database, logger: Logger, settings: ApiSettings): Api {
  const now = settings.now ?? (() => new Date());
  const authSettings = { ...DEFAULT_AUTH_SETTINGS, ...settings.auth };
  const audit = new AuditRepository(db.knex);

  const sessionCache = settings.sessionCache ?? new SessionCache();
  const deviceKeys = new DeviceKeyRepository(db.knex);
  const auth = new AuthService(
    new AuthRepository(db.knex),
    audit,
    sessionCache,
    new SignInThrottle(new SignInFailuresRepository(db.knex), authSettings.backoff),
    new DeviceCookies(() => deviceKeys.secret(), authSettings.deviceCookieMaxAgeMs),
    authSettings,
    now,
  );
  const loginLimiter = new RateLimiter(settings.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT, now);
  const directory = new DirectoryRepository(db.knex);
  const unitCodes = settings.unitCodes ?? new UnitCodes(() => directory.unitIdsByCode());
  const ticketsRepo = new TicketsRepository(db.knex);
  const tickets = new TicketsService(ticketsRepo, audit, unitCodes, now);
  const callLogExports = new ExportService(tickets, ticketsRepo, audit, settings.timeZone, now);
  const unitsRepo = new UnitsRepository(db.knex);
  const rostersRepo = new RostersRepository(db.knex, db.kind === 'postgres');
  const changes = new RosterChanges(
    rostersRepo,
    () => {
      unitCodes.forget();
      return settings.onRosterChanged();
    },
    logger,
  );
  const units = new UnitsService(unitsRepo, changes);
  const desks = new DesksService(new DesksRepository(db.knex), units);
  const procedures = new ProceduresService(db.knex);
  const posters = new PostersService(units, desks, procedures, () => directory.hotline());
  const rosters = new RostersService(units, unitsRepo, rostersRepo, changes, settings.timeZone, now);
  const ratingsTable = new RatingsTableRepository(db.knex);
  const dashboard = new DashboardService(
    new DashboardRepository(db.knex),
    ratingsTable,
    settings.timeZone,
    now,
  );
  const callbacks = new CallbacksService(
    settings.callbacks,
    tickets,
    new CallbacksRepository(db.knex),
    audit,
    logger,
    now,
  );

  const users = new UsersService(new UsersRepository(db.knex), new AccountsRepository(db.knex), sessionCache);

  const transfers = new TicketTransfers(ticketsRepo, now);
  const api = apiRoutes({
    auth: authRoutes(auth, loginLimiter, {
      sessionMs: authSettings.sessionMaxMs,
      deviceMs: authSettings.deviceCookieMaxAgeMs,
    }),
    tickets: ticketRoutes(
      tickets,
      new SpamService(ticketsRepo, tickets, now),
      transfers,
      new TicketBulk(ticketsRepo, tickets, transfers),
      new TicketMedia(ticketsRepo),
      settings.recordings,
    ),
    exports: exportRoutes(callLogExports, settings.timeZone),
    units: unitRoutes(units),
    desks: deskRoutes(
      desks,
      new DeskRatingsService(
        new DeskVisitorsRepository(db.knex),
        ratingsTable,
        desks,
        audit,
        settings.timeZone,
      ),
    ),
    posters: posterRoutes(posters, settings.publicUrl),
    rosters: rosterRoutes(rosters),
    dashboard: dashboardRoutes(dashboard),
    live: liveRoutes(settings.live, {
      currentSession: (req) => sessionOfRequest(auth, req),
      onSessionChange: (listener) => sessionCache.onChange(listener),
      callers: new LiveCallerAudit(audit),
      ...(settings.liveHeartbeatMs !== undefined && { heartbeatMs: settings.liveHeartbeatMs }),
      ...(settings.maxLiveStreamsPerSession !== undefined && {
        maxStreamsPerSession: settings.maxLiveStreamsPerSession,
      }),
    }),
    callbacks: callbackRoutes(callbacks, settings.recordings !== undefined),
    users: userRoutes(users),
    audit: auditLogRoutes(new AuditLogRepository(db.knex)),
    categories: categoryRoutes(new CategoriesRepository(db.knex)),
    open311Keys: open311KeyRoutes(new Open311KeysRepository(db.knex)),
    procedures: procedureRoutes(procedures),
  });

  const router = express.Router();
  router.use((_req, res, next) => {
    // Call logs and caller numbers must not linger in shared or browser caches.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.use(loadSession(auth));
  router.use(api.router);
  return { router, routes: api.routes };
}
