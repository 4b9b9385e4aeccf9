import type { auditLogRoutes } from './audit/audit-log.routes';
import type { authRoutes } from './auth/auth.routes';
import type { callbackRoutes } from './callbacks/callbacks.routes';
import type { categoryRoutes } from './categories/categories.routes';
import type { dashboardRoutes } from './dashboard/dashboard.routes';
import type { deskRoutes } from './desks/desks.routes';
import type { exportRoutes } from './export/export.routes';
import { ApiRouter } from './http/api-router';
import { operation } from './http/operation';
import type { liveRoutes } from './live/live.routes';
import type { open311KeyRoutes } from './open311-keys/open311-keys.routes';
import { buildOpenApiDocument } from './openapi/openapi';
import type { posterRoutes } from './posters/posters.routes';
import type { procedureRoutes } from './procedures/procedures.routes';
import type { ticketRoutes } from './tickets/tickets.routes';
import type { rosterRoutes } from './units/rosters.routes';
import type { unitRoutes } from './units/units.routes';
import type { userRoutes } from './users/users.routes';

export const API_BASE_PATH = '/api/v1';

export interface ApiOperations {
  auth: ReturnType<typeof authRoutes>;
  tickets: ReturnType<typeof ticketRoutes>;
  exports: ReturnType<typeof exportRoutes>;
  units: ReturnType<typeof unitRoutes>;
  desks: ReturnType<typeof deskRoutes>;
  posters: ReturnType<typeof posterRoutes>;
  rosters: ReturnType<typeof rosterRoutes>;
  dashboard: ReturnType<typeof dashboardRoutes>;
  live: ReturnType<typeof liveRoutes>;
  callbacks: ReturnType<typeof callbackRoutes>;
  users: ReturnType<typeof userRoutes>;
  audit: ReturnType<typeof auditLogRoutes>;
  categories: ReturnType<typeof categoryRoutes>;
  open311Keys: ReturnType<typeof open311KeyRoutes>;
  procedures: ReturnType<typeof procedureRoutes>;
}

/** The API's table of contents: every route under /api/v1, one line each. */
export function apiRoutes({
  auth,
  tickets,
  exports,
  units,
  desks,
  posters,
  rosters,
  dashboard,
  live,
  callbacks,
  users,
  audit,
  categories,
  open311Keys,
  procedures,
}: ApiOperations): ApiRouter {
  const r = new ApiRouter();
  r.post('/auth/login', auth.login);
  r.post('/auth/logout', auth.logout);
  r.get('/auth/me', auth.me);
  r.get('/auth/session', auth.session);
  r.post('/auth/password', auth.changePassword);

  r.get('/tickets', tickets.list);
  r.get('/tickets/export.xlsx', exports.xlsx);
  r.get('/tickets/export.csv', exports.csv);
  r.post('/tickets/bulk', tickets.bulk);
  r.get('/tickets/:id', tickets.get);
  r.patch('/tickets/:id', tickets.update);
  r.post('/tickets/:id/notes', tickets.addNote);
  r.post('/tickets/:id/spam', tickets.markSpam);
  r.post('/tickets/:id/transfer', tickets.transfer);
  r.get('/tickets/:id/recording', tickets.recording);
  r.get('/tickets/:id/voicemail', tickets.voicemail);
  r.get('/tickets/:id/photos/:n', tickets.photo);
  r.post('/tickets/:id/callback', callbacks.start);
  r.post('/tickets/:id/called-back', callbacks.calledBack);

  r.get('/units', units.list);
  r.post('/units', units.create);
  r.patch('/units/:id', units.update);
  r.put('/units/:id/direct-number', units.setDirectNumber);
  r.post('/units/:id/contacts', units.createContact);
  r.patch('/contacts/:id', units.updateContact);
  r.delete('/contacts/:id', units.deleteContact);

  r.get('/units/:id/desks', desks.list);
  r.post('/units/:id/desks', desks.create);
  r.patch('/desks/:id', desks.update);
  r.get('/units/:id/desk-ratings', desks.ratings);
  r.put('/desks/:id/visitors', desks.setVisitors);
  r.get('/units/:id/poster.pdf', posters.unitPdf);
  r.get('/units/:id/qr.:format', posters.unitQr);
  r.get('/desks/:id/poster.pdf', posters.deskPdf);
  r.get('/desks/:id/qr.:format', posters.deskQr);

  r.get('/units/:id/shifts', rosters.shifts);
  r.put('/units/:id/shifts', rosters.replaceShifts);
  r.get('/units/:id/overrides', rosters.overrides);
  r.post('/units/:id/overrides', rosters.createOverride);
  r.delete('/overrides/:id', rosters.deleteOverride);
  r.get('/units/:id/on-duty', rosters.onDuty);

  r.get('/users', users.list);
  r.post('/users', users.create);
  r.patch('/users/:id', users.update);
  r.post('/users/:id/password', users.resetPassword);
  r.post('/users/:id/unlock', users.unlock);

  r.get('/audit', audit.list);

  r.get('/categories', categories.list);
  r.post('/categories', categories.create);
  r.patch('/categories/:id', categories.update);

  r.get('/open311-keys', open311Keys.list);
  r.post('/open311-keys', open311Keys.create);
  r.post('/open311-keys/:id/revoke', open311Keys.revoke);
  r.get('/procedures', procedures.list);
  r.post('/procedures', procedures.create);
  r.patch('/procedures/:id', procedures.update);
  r.post('/procedures/:id/deactivate', procedures.deactivate);
  r.get('/procedures/:id/poster.pdf', posters.procedurePdf);
  r.get('/procedures/:id/qr.:format', posters.procedureQr);

  r.get('/dashboard', dashboard.overview);

  r.get('/telephony', callbacks.telephony);

  r.get('/live', live.board);
  r.get('/live/stream', live.stream);

  r.get('/openapi.json', openApi(r));
  return r;
}

function openApi(router: ApiRouter) {
  let document: Record<string, unknown> | undefined;
  return operation(
    {
      operationId: 'openApi',
      summary: 'This document',
      tag: 'meta',
      access: 'public',
      responses: { 200: { description: 'OpenAPI 3.1 document', contentType: 'application/json' } },
    },
    async () => {
      // Built on first request, when every route is registered; routes do not change afterwards.
      document ??= buildOpenApiDocument(router.routes, API_BASE_PATH);
      return { status: 200, body: document };
    },
  );
}
