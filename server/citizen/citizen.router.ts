import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { Knex } from 'knex';
import { localDateTime } from '../../core/domain/calendar';
import type { Logger } from '../../core/logger';
import { ratingNeedsCallback } from '../../core/tickets/call-verdict';
import { WebTicketsRepository } from '../../core/tickets/web-tickets.repo';
import { DirectoryRepository } from '../../core/units/directory.repo';
import { RateLimiter, type RateLimitSettings } from '../api/http/rate-limit';
import {
  complaintPage,
  complaintPickPage,
  feedbackPage,
  homePage,
  messagePage,
  ratingPage,
  SITE_CSS,
  thanksPage,
  unitBack,
  unitPage,
} from './citizen.pages';
import { CitizenRepository, type PublicDesk, type PublicUnit } from './citizen.repo';
import { type Lang, langOf, say } from './citizen.text';
import { photosOf } from './photos.read';
import { procedureRoutes } from './procedure.routes';
import { filledHoneypot, readFeedbackForm, readRatingForm, readReply } from './rating.form';
import { TicketTracking } from './ticket-tracking';
import { trackFormPage } from './tracking.pages';
import { TrackingRepository } from './tracking.repo';
import { readUploadForm } from './upload.form';

export const CITIZEN_BASE_PATH = '/p';

/** Submissions one address may make; default 10 per 10 minutes. */
export const DEFAULT_SUBMISSION_LIMIT: RateLimitSettings = { max: 10, windowMs: 10 * 60_000 };
export const DEFAULT_TRACKING_LIMIT: RateLimitSettings = { max: 5, windowMs: 15 * 60_000 };
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * The citizen site's own policy: no script at all, styles and forms from our origin only, never
 * framed (a poster's QR must not open our form inside someone else's page).
 */
const CITIZEN_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export interface CitizenSiteSettings {
  knex: Knex;
  logger: Logger;
  timeZone: string;
  submissionLimit?: RateLimitSettings;
  /** Wrong code-and-secret pairs one address may try; default 5 per 15 minutes. */
  trackingLimit?: RateLimitSettings;
  now?: () => Date;
}

type Target = { path: string; unit: PublicUnit; desk: PublicDesk | null };

/** The public site under /p/: a unit's page, the rating form of a unit or a desk, nothing of the admin app. */
export function citizenRouter(settings: CitizenSiteSettings): Router {
  const now = settings.now ?? (() => new Date());
  const site = new CitizenRepository(settings.knex);
  const directory = new DirectoryRepository(settings.knex);
  const tickets = new WebTicketsRepository(settings.knex);
  const limiter = new RateLimiter(settings.submissionLimit ?? DEFAULT_SUBMISSION_LIMIT, now);
  const router = Router();

  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', CITIZEN_CSP);
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  const html = (res: Response, status: number, body: string) => res.status(status).type('html').send(body);
  const tooMany = (req: Request, res: Response, lang: Lang, retryAfterSeconds: number) => {
    res.setHeader('Retry-After', String(retryAfterSeconds));
    const minutes = Math.ceil(retryAfterSeconds / 60);
    html(res, 429, messagePage(lang, req.path, 'errorTitle', say(lang, 'error.too-many', { minutes })));
  };
  /** Counts a submission from the request's address; true (and answered 429) past the limit. */
  const limited = (req: Request, res: Response, lang: Lang) => {
    const retryAfterSeconds = limiter.hit(req.ip ?? 'unknown');
    if (retryAfterSeconds !== null) tooMany(req, res, lang, retryAfterSeconds);
    return retryAfterSeconds !== null;
  };
  /** A form whose honeypot is filled: answered 400 and stored nowhere. */
  const refusedAsRobot = (req: Request, res: Response, lang: Lang, body: Record<string, unknown>) => {
    if (!filledHoneypot(body)) return false;
    res.locals.log.warn('citizen form refused: honeypot filled', { path: req.path });
    html(res, 400, messagePage(lang, req.path, 'errorTitle', say(lang, 'error.honeypot')));
    return true;
  };
  const trackingRepo = new TrackingRepository(settings.knex);
  const tracking = new TicketTracking(
    trackingRepo,
    new RateLimiter(settings.trackingLimit ?? DEFAULT_TRACKING_LIMIT, now),
    settings.timeZone,
    tooMany,
    html,
    now,
  );
  const notFound = (req: Request, res: Response, lang: Lang) =>
    html(res, 404, messagePage(lang, req.path, 'notFound', say(lang, 'notFoundHint')));

  router.get('/site.css', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('css').send(SITE_CSS);
  });

  router.get('/', async (req, res) => {
    html(res, 200, homePage(langOf(req.query.lang), await site.units()));
  });

  router.get('/u/:code', async (req, res) => {
    const lang = langOf(req.query.lang);
    const unit = await site.unitByCode(String(req.params.code));
    if (!unit) return notFound(req, res, lang);
    html(res, 200, unitPage(lang, unit, await site.desksOf(unit.id), await directory.hotline()));
  });

  const unitTarget = async (req: Request): Promise<Target | undefined> => {
    const unit = await site.unitByCode(String(req.params.code));
    return unit && { path: `${CITIZEN_BASE_PATH}/u/${unit.code}/rate`, unit, desk: null };
  };
  const deskTarget = async (req: Request): Promise<Target | undefined> => {
    const id = String(req.params.id);
    const desk = /^\d{1,9}$/.test(id) ? await site.desk(Number(id)) : undefined;
    return desk && { path: `${CITIZEN_BASE_PATH}/d/${desk.id}`, unit: desk.unit, desk };
  };

  const showForm =
    (find: (req: Request) => Promise<Target | undefined>) => async (req: Request, res: Response) => {
      const lang = langOf(req.query.lang);
      const target = await find(req);
      if (!target) return notFound(req, res, lang);
      html(res, 200, ratingPage(lang, target));
    };

  const takeRating =
    (find: (req: Request) => Promise<Target | undefined>) => async (req: Request, res: Response) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const lang = langOf(body.lang ?? req.query.lang);
      const retryAfterSeconds = limiter.hit(req.ip ?? 'unknown');
      if (retryAfterSeconds !== null) {
        res.setHeader('Retry-After', String(retryAfterSeconds));
        const minutes = Math.ceil(retryAfterSeconds / 60);
        return html(
          res,
          429,
          messagePage(lang, req.path, 'errorTitle', say(lang, 'error.too-many', { minutes })),
        );
      }
      const target = await find(req);
      if (!target) return notFound(req, res, lang);
      if (refusedAsRobot(req, res, lang, body)) return;
      const read = readRatingForm(body);
      if (!read.ok) return html(res, 400, ratingPage(lang, target, read.state));
      const receivedAt = now();
      const ticket = await tickets.recordRating(
        {
          unitId: target.unit.id,
          deskId: target.desk?.id ?? null,
          rating: read.form.rating,
          comment: read.form.comment,
          callerNumber: read.form.phone,
          receivedAt,
        },
        localDateTime(receivedAt, settings.timeZone).year,
      );
      res.locals.log.info('citizen rating stored', {
        ticketId: ticket.id,
        rating: read.form.rating,
        deskId: target.desk?.id ?? null,
      });
      html(
        res,
        201,
        thanksPage(lang, unitBack(target.unit), {
          code: ticket.code,
          trackingSecret: ticket.trackingSecret,
          needsCallback: ratingNeedsCallback(read.form.rating),
          leftPhone: read.form.phone !== null,
        }),
      );
    };

  const forms = express.urlencoded({ extended: false, limit: MAX_BODY_BYTES, parameterLimit: 20 });
  router.get('/u/:code/rate', showForm(unitTarget));
  router.post('/u/:code/rate', forms, takeRating(unitTarget));
  router.get('/d/:id', showForm(deskTarget));
  router.post('/d/:id', forms, takeRating(deskTarget));

  router.get('/u/:code/feedback', async (req, res) => {
    const lang = langOf(req.query.lang);
    const unit = await site.unitByCode(String(req.params.code));
    if (!unit) return notFound(req, res, lang);
    html(res, 200, feedbackPage(lang, unit));
  });
  /**
   * Feedback and confidential complaints: the same limits, honeypot, checks and photos, another
   * store. Counted before the body is read, so past the limit no photo is uploaded into memory at
   * all.
   */
  const takeText = (kind: 'feedback' | 'complaint') => async (req: Request, res: Response) => {
    if (limited(req, res, langOf(req.query.lang))) return;
    const unit = await site.unitByCode(String(req.params.code));
    if (!unit) return notFound(req, res, langOf(req.query.lang));
    const upload = await readUploadForm(req);
    const body = upload.fields;
    const lang = langOf(body.lang ?? req.query.lang);
    if (refusedAsRobot(req, res, lang, body)) return;
    const page = kind === 'feedback' ? feedbackPage : complaintPage;
    const read = readFeedbackForm(body);
    const photos = await photosOf(upload);
    if (!read.ok || !photos.ok) {
      const state = read.ok ? { text: body.text, phone: body.phone, errors: {} } : read.state;
      if (!photos.ok) state.errors.photo = photos.error;
      const hadPhotos = upload.photos.length > 0 || upload.problem !== null;
      res.locals.log.info(`citizen ${kind} refused`, { fields: Object.keys(state.errors) });
      return html(res, 400, page(lang, unit, { ...state, hadPhotos }));
    }
    const receivedAt = now();
    const submission = {
      unitId: unit.id,
      text: read.form.text,
      callerNumber: read.form.phone,
      receivedAt,
      photos: photos.photos,
    };
    const year = localDateTime(receivedAt, settings.timeZone).year;
    const ticket =
      kind === 'feedback'
        ? await tickets.recordFeedback(submission, year)
        : await tickets.recordComplaint(submission, year);
    res.locals.log.info(`citizen ${kind} stored`, {
      ticketId: ticket.id,
      unitId: unit.id,
      photos: photos.photos.length,
    });
    const shown = { ...ticket, needsCallback: false, leftPhone: read.form.phone !== null };
    html(
      res,
      201,
      thanksPage(lang, unitBack(unit), shown, kind === 'feedback' ? 'thanksFeedback' : 'thanksComplaint'),
    );
  };
  router.post('/u/:code/feedback', takeText('feedback'));

  router.get('/complaint', async (req, res) => {
    html(res, 200, complaintPickPage(langOf(req.query.lang), await site.units()));
  });
  router.get('/u/:code/complaint', async (req, res) => {
    const lang = langOf(req.query.lang);
    const unit = await site.unitByCode(String(req.params.code));
    if (!unit) return notFound(req, res, lang);
    html(res, 200, complaintPage(lang, unit));
  });
  router.post('/u/:code/complaint', takeText('complaint'));

  router.get('/t', (req, res) => html(res, 200, trackFormPage(langOf(req.query.lang))));
  router.post('/t', forms, async (req, res) => {
    const found = await tracking.verify(req, res);
    if (found) html(res, 200, tracking.page(found));
  });
  router.post('/t/reply', forms, async (req, res) => {
    const found = await tracking.verify(req, res);
    if (!found) return;
    const reply = readReply(found.body.reply);
    if (!reply.ok) return html(res, 400, tracking.page(found, { replyError: reply.error }));
    if (limited(req, res, found.lang)) return;
    await trackingRepo.addReply(found.ticket.id, reply.text, now());
    res.locals.log.info('citizen reply stored', { ticketId: found.ticket.id });
    const steps = await trackingRepo.steps(found.ticket.id);
    html(res, 201, tracking.page({ ...found, steps }, { notice: 'replySaved' }));
  });

  procedureRoutes(router, {
    knex: settings.knex,
    site,
    tickets,
    timeZone: settings.timeZone,
    now,
    forms,
    html,
    notFound,
    limited,
    refusedAsRobot,
  });

  router.use((req, res) => notFound(req, res, langOf(req.query.lang)));
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const lang = langOf(req.query.lang);
    const status = (error as { status?: unknown }).status;
    if (status === 413)
      return html(res, 413, messagePage(lang, req.path, 'errorTitle', say(lang, 'error.too-large')));
    if (typeof status === 'number' && status >= 400 && status < 500)
      return html(res, 400, messagePage(lang, req.path, 'errorTitle', say(lang, 'error.bad-form')));
    res.locals.log.error('citizen site error', { error, method: req.method, path: req.path });
    html(res, 500, messagePage(lang, req.path, 'errorTitle', say(lang, 'error.internal')));
  });
  return router;
}
