import type { Request, RequestHandler, Response, Router } from 'express';
import type { Knex } from 'knex';
import { localDateTime } from '../../core/domain/calendar';
import { ProceduresRepository } from '../../core/procedures/procedures.repo';
import type { WebTicketsRepository } from '../../core/tickets/web-tickets.repo';
import { thanksPage } from './citizen.pages';
import type { CitizenRepository, PublicUnit } from './citizen.repo';
import { type Lang, langOf, say } from './citizen.text';
import { procedureListPage, procedurePage, procedurePath } from './procedure.pages';
import { readFeedbackForm } from './rating.form';

/** What the site's router shares with these pages: its stores, its answers and its guards. */
export interface CitizenPageKit {
  knex: Knex;
  site: CitizenRepository;
  tickets: WebTicketsRepository;
  timeZone: string;
  now: () => Date;
  forms: RequestHandler;
  html(res: Response, status: number, body: string): void;
  notFound(req: Request, res: Response, lang: Lang): void;
  /** True (and already answered 429) when the address sent too many forms. */
  limited(req: Request, res: Response, lang: Lang): boolean;
  /** True (and already answered 400) when the honeypot is filled. */
  refusedAsRobot(req: Request, res: Response, lang: Lang, body: Record<string, unknown>): boolean;
}

/**
 * The procedure sheets (issue 13, item 6): /p/tt lists every active procedure, /p/u/CODE/tt a
 * unit's (its own and those every ward handles), /p/tt/CODE one sheet with a feedback form whose
 * ticket carries the procedure. An inactive procedure has no page.
 */
export function procedureRoutes(router: Router, kit: CitizenPageKit): void {
  const procedures = new ProceduresRepository(kit.knex);

  /** The unit that handles a procedure, or null when every ward does (or its unit is closed). */
  const handlerOf = (unitId: number | null, units: PublicUnit[]) =>
    unitId === null ? null : (units.find((u) => u.id === unitId) ?? null);

  const activeProcedure = async (req: Request) => {
    const procedure = await procedures.byCode(String(req.params.code));
    return procedure?.active ? procedure : undefined;
  };

  router.get('/tt', async (req, res) => {
    const lang = langOf(req.query.lang);
    const all = await procedures.list({ active: true });
    kit.html(res, 200, procedureListPage(lang, '/p/tt', say(lang, 'allProcedures'), all, null));
  });

  router.get('/u/:code/tt', async (req, res) => {
    const lang = langOf(req.query.lang);
    const unit = await kit.site.unitByCode(String(req.params.code));
    if (!unit) return kit.notFound(req, res, lang);
    const own = await procedures.list({ active: true, unitId: unit.id });
    const title = `${say(lang, 'proceduresOf')} ${unit.name}`;
    kit.html(res, 200, procedureListPage(lang, `/p/u/${unit.code}/tt`, title, own, unit));
  });

  router.get('/tt/:code', async (req, res) => {
    const lang = langOf(req.query.lang);
    const procedure = await activeProcedure(req);
    if (!procedure) return kit.notFound(req, res, lang);
    const units = await kit.site.units();
    const unitCode = typeof req.query.u === 'string' ? req.query.u : undefined;
    const state = { errors: {}, ...(unitCode && units.some((u) => u.code === unitCode) && { unitCode }) };
    kit.html(res, 200, procedurePage(lang, procedure, handlerOf(procedure.unitId, units), units, state));
  });

  router.post('/tt/:code/feedback', kit.forms, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const lang = langOf(body.lang ?? req.query.lang);
    if (kit.limited(req, res, lang)) return;
    const procedure = await activeProcedure(req);
    if (!procedure) return kit.notFound(req, res, lang);
    if (kit.refusedAsRobot(req, res, lang, body)) return;
    const units = await kit.site.units();
    const handledBy = handlerOf(procedure.unitId, units);
    const unitCode = typeof body.unit === 'string' && body.unit !== '' ? body.unit : undefined;
    const chosen = unitCode === undefined ? null : units.find((u) => u.code === unitCode);
    const read = readFeedbackForm(body);
    if (!read.ok || chosen === undefined) {
      const state = {
        ...(read.ok
          ? { text: read.form.text, phone: body.phone as string | undefined, errors: {} }
          : read.state),
        ...(unitCode !== undefined && { unitCode }),
        ...(chosen === undefined && { unitError: 'error.unit-unknown' as const }),
      };
      return kit.html(res, 400, procedurePage(lang, procedure, handledBy, units, state));
    }
    const receivedAt = kit.now();
    const unit = handledBy ?? chosen;
    const ticket = await kit.tickets.recordFeedback(
      {
        unitId: unit?.id ?? null,
        procedureId: procedure.id,
        text: read.form.text,
        callerNumber: read.form.phone,
        receivedAt,
      },
      localDateTime(receivedAt, kit.timeZone).year,
    );
    res.locals.log.info('citizen feedback about a procedure stored', {
      ticketId: ticket.id,
      procedureId: procedure.id,
      unitId: unit?.id ?? null,
    });
    const shown = { ...ticket, needsCallback: false, leftPhone: read.form.phone !== null };
    const back = { path: procedurePath(procedure.code), label: 'backToProcedure' as const };
    kit.html(res, 201, thanksPage(lang, back, shown, 'thanksFeedback'));
  });
}
