import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { Knex } from 'knex';
import { localDateTime } from '../../core/domain/calendar';
import type { Logger } from '../../core/logger';
import { WebTicketsRepository } from '../../core/tickets/web-tickets.repo';
import { DirectoryRepository } from '../../core/units/directory.repo';
import { RateLimiter, type RateLimitSettings } from '../api/http/rate-limit';
import { Open311KeysRepository } from '../api/open311-keys/open311-keys.repo';
import { CITIZEN_BASE_PATH } from '../citizen/citizen.router';
import { Open311Repository, type PublicUnitChoice } from './open311.repo';
import { readOpen311Form } from './open311.request-form';
import { readRequestQuery } from './open311.request-query';
import { parseServiceCode } from './open311.services';
import {
  definitionView,
  discoveryView,
  type Open311Document,
  type Open311Error,
  requestView,
  serviceView,
  w3cDateTime,
} from './open311.views';
import { xmlDocument } from './open311.xml';

export const OPEN311_BASE_PATH = '/open311';
export const GEOREPORT_PATH = '/v2';

/** Service requests one API key may post; default 100 per 10 minutes (an aggregator speaks for many citizens). */
export const DEFAULT_KEY_LIMIT: RateLimitSettings = { max: 100, windowMs: 10 * 60_000 };
/** Room for the specification's 4,000-character description, percent-encoded, and the other arguments. */
export const MAX_POST_BYTES = 64 * 1024;

export interface Open311Settings {
  knex: Knex;
  logger: Logger;
  timeZone: string;
  /** The origin the discovery document and notices name (config.publicUrl); else the request's own. */
  publicUrl?: string;
  keyLimit?: RateLimitSettings;
  now?: () => Date;
}

type Format = 'json' | 'xml';

const formatOf = (req: Request): Format =>
  String(req.params.format ?? '').toLowerCase() === 'json' ? 'json' : 'xml';

/** A document in the format the URL asked for: the JSON array or object, or the same as XML under `root`. */
function send(
  res: Response,
  format: Format,
  status: number,
  root: string,
  value: Open311Document | Open311Document[],
) {
  res.status(status);
  if (format === 'json') res.type('application/json; charset=utf-8').send(JSON.stringify(value));
  else res.type('text/xml; charset=utf-8').send(xmlDocument(root, value));
}

function sendErrors(res: Response, format: Format, status: number, errors: readonly Open311Error[]) {
  send(
    res,
    format,
    status,
    'errors',
    errors.map((error) => ({ code: error.code, description: error.description })),
  );
}

/**
 * Open311 GeoReport v2 at /open311/v2 (discovery also at /open311): services, service requests
 * public fields only, and posting a request with an API key an admin issued. No session, no cookie;
 * GET answers carry CORS `*` for the aggregators' browser clients. Every error is the
 * specification's list of {code, description} with its HTTP status.
 */
export function open311Router(settings: Open311Settings): Router {
  const now = settings.now ?? (() => new Date());
  const repo = new Open311Repository(settings.knex);
  const keys = new Open311KeysRepository(settings.knex);
  const tickets = new WebTicketsRepository(settings.knex);
  const directory = new DirectoryRepository(settings.knex);
  const limiter = new RateLimiter(settings.keyLimit ?? DEFAULT_KEY_LIMIT, now);
  const { timeZone } = settings;
  const origin = (req: Request) => settings.publicUrl ?? `${req.protocol}://${req.get('host')}`;
  const router = Router();
  // Only the two formats exist: /services.html is no resource (the 404 below answers it).
  router.param('format', (_req, _res, next, value) =>
    next(/^(json|xml)$/i.test(String(value)) ? undefined : 'route'),
  );

  router.use((req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    if (req.method === 'GET' || req.method === 'HEAD') {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    }
    next();
  });

  const discovery = async (req: Request, res: Response) => {
    const [changedAt, hotline] = await Promise.all([repo.servicesChangedAt(), directory.hotline()]);
    const changeset = w3cDateTime(changedAt ?? new Date(0), timeZone);
    const reach = hotline ? ` — ${hotline.name} ${hotline.number}` : '';
    send(
      res,
      formatOf(req),
      200,
      'discovery',
      discoveryView({
        changeset,
        contact: `Phòng Nội vụ${reach} / The Home Affairs office${reach}`,
        keyService:
          'Khóa API do Phòng Nội vụ cấp (quản trị hệ thống, mục Open311) / API keys are issued by the Home Affairs office',
        endpointUrl: `${origin(req)}${OPEN311_BASE_PATH}${GEOREPORT_PATH}`,
      }),
    );
  };
  router.get('/discovery.:format', discovery);
  router.get(`${GEOREPORT_PATH}/discovery.:format`, discovery);

  router.get(`${GEOREPORT_PATH}/services.:format`, async (req, res) => {
    send(res, formatOf(req), 200, 'services', (await repo.services()).map(serviceView));
  });

  router.get(`${GEOREPORT_PATH}/services/:code.:format`, async (req, res) => {
    const format = formatOf(req);
    const code = String(req.params.code);
    const ref = parseServiceCode(code);
    const service = ref && (await repo.service(ref));
    if (!service)
      return sendErrors(res, format, 404, [{ code: 404, description: `service_code ${code} was not found` }]);
    send(res, format, 200, 'service_definition', definitionView(service, await repo.units()));
  });

  router.get(`${GEOREPORT_PATH}/requests.:format`, async (req, res) => {
    const format = formatOf(req);
    const read = readRequestQuery(req.query as Record<string, unknown>, now(), timeZone);
    if (!read.ok) return sendErrors(res, format, 400, read.errors);
    const requests = await repo.requests(read.filter);
    send(
      res,
      format,
      200,
      'service_requests',
      requests.map((request) => requestView(request, timeZone)),
    );
  });

  router.get(`${GEOREPORT_PATH}/requests/:id.:format`, async (req, res) => {
    const format = formatOf(req);
    const id = String(req.params.id).slice(0, 40);
    const request = await repo.request(id);
    if (!request)
      return sendErrors(res, format, 404, [
        { code: 404, description: `service_request_id ${id} was not found` },
      ]);
    send(res, format, 200, 'service_requests', [requestView(request, timeZone)]);
  });

  const forms = express.urlencoded({ extended: false, limit: MAX_POST_BYTES, parameterLimit: 40 });
  router.post(`${GEOREPORT_PATH}/requests.:format`, forms, async (req, res) => {
    const format = formatOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const fail = (status: number, description: string) =>
      sendErrors(res, format, status, [{ code: status, description }]);
    const apiKey = typeof body.api_key === 'string' ? body.api_key.trim() : '';
    if (apiKey === '') return fail(403, "api_key was not provided - can't proceed with create_request.");
    const client = await keys.use(apiKey, now());
    if (!client) {
      res.locals.log.warn('open311 request refused: invalid or revoked api_key');
      return fail(403, "Invalid api_key received - can't proceed with create_request.");
    }
    const retryAfterSeconds = limiter.hit(String(client.keyId));
    if (retryAfterSeconds !== null) {
      res.setHeader('Retry-After', String(retryAfterSeconds));
      return fail(429, `Too many requests with this api_key: retry after ${retryAfterSeconds} seconds.`);
    }
    const read = readOpen311Form(body);
    if (!read.ok) return sendErrors(res, format, 400, read.errors);
    const { form } = read;
    const ref = parseServiceCode(form.serviceCode);
    const service = ref && (await repo.service(ref));
    if (!service) return fail(404, `service_code ${form.serviceCode} was not found`);
    let unit: Pick<PublicUnitChoice, 'id' | 'name'> | undefined;
    if (service.unitId !== null) unit = await repo.unitById(service.unitId);
    else if (form.unitCode !== null) {
      unit = await repo.unitByCode(form.unitCode);
      if (!unit) return fail(400, `attribute[unit] ${form.unitCode} is not a unit`);
    } else unit = await repo.districtUnit();
    if (!unit) return fail(400, 'No unit takes service requests: send attribute[unit]');

    const receivedAt = now();
    const ticket = await tickets.recordOpen311Request(
      {
        unitId: unit.id,
        category: service.category,
        procedureId: service.procedureId,
        description: form.description,
        callerNumber: form.phone,
        firstName: form.firstName,
        lastName: form.lastName,
        email: form.email,
        location: form.location,
        address: form.addressString,
        addressId: form.addressId,
        mediaUrl: form.mediaUrl,
        clientName: client.name,
        receivedAt,
      },
      localDateTime(receivedAt, timeZone).year,
    );
    res.locals.log.info('open311 request stored', {
      ticketId: ticket.id,
      keyId: client.keyId,
      unitId: unit.id,
    });
    send(res, format, 201, 'service_requests', [
      {
        service_request_id: ticket.code,
        service_notice:
          `Đã chuyển đến ${unit.name}. Tra cứu tại ${origin(req)}${CITIZEN_BASE_PATH}/t ` +
          `với mã phản ánh ${ticket.code} và mã bí mật ${ticket.trackingSecret}.`,
        account_id: null,
      },
    ]);
  });

  router.use((req, res) => {
    const format = /\.json$/i.test(req.path) ? 'json' : 'xml';
    sendErrors(res, format, 404, [
      { code: 404, description: `${req.method} ${req.path} is not a GeoReport v2 resource` },
    ]);
  });
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const format = /\.json$/i.test(req.path) ? 'json' : 'xml';
    const status = (error as { status?: unknown }).status;
    if (status === 413)
      return sendErrors(res, format, 413, [
        { code: 413, description: `The request is larger than ${MAX_POST_BYTES} bytes` },
      ]);
    if (typeof status === 'number' && status >= 400 && status < 500)
      return sendErrors(res, format, 400, [{ code: 400, description: 'The request could not be read' }]);
    res.locals.log.error('open311 error', { error, method: req.method, path: req.path });
    sendErrors(res, format, 500, [{ code: 500, description: 'The service failed; try again later' }]);
  });
  return router;
}
