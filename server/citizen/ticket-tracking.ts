import type { Request, Response } from 'express';
import { localDateTime } from '../../core/domain/calendar';
import { codesMeantBy } from '../../core/domain/ticket-code';
import { trackingSecretMatches } from '../../core/tickets/tracking-secret';
import type { RateLimiter } from '../api/http/rate-limit';
import { type Lang, langOf, type TextKey } from './citizen.text';
import { trackedPage, trackFormPage } from './tracking.pages';
import type { PublicStep, TrackedTicket, TrackingRepository } from './tracking.repo';

export interface Tracked {
  lang: Lang;
  body: Record<string, unknown>;
  ticket: TrackedTicket;
  secret: string;
  steps: PublicStep[];
}

const textOf = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * A citizen's view of their ticket, opened with its code and secret. An unknown code and a wrong
 * secret get the same answer, and each counts against the address; past the limit even a right
 * pair waits, so the secret cannot be guessed by trying.
 */
export class TicketTracking {
  constructor(
    private readonly repo: TrackingRepository,
    private readonly failures: RateLimiter,
    private readonly timeZone: string,
    private readonly tooMany: (req: Request, res: Response, lang: Lang, retryAfterSeconds: number) => void,
    private readonly html: (res: Response, status: number, body: string) => void,
    private readonly now: () => Date,
  ) {}

  /** The ticket the posted code and secret open; otherwise answers the request itself and gives undefined. */
  async verify(req: Request, res: Response): Promise<Tracked | undefined> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const lang = langOf(body.lang ?? req.query.lang);
    const address = req.ip ?? 'unknown';
    const blocked = this.failures.blockedFor(address);
    if (blocked !== null) {
      this.tooMany(req, res, lang, blocked);
      return undefined;
    }
    const code = textOf(body.code).slice(0, 20);
    const secret = textOf(body.secret).slice(0, 6);
    // The number alone, as the IVR read it, may be this year's ticket or last year's: the secret decides.
    const candidates = await this.repo.byCodes(
      codesMeantBy(code, localDateTime(this.now(), this.timeZone).year),
    );
    const ticket = candidates.find((each) => trackingSecretMatches(each.secretHash, each.code, secret));
    if (!ticket) {
      this.failures.hit(address);
      res.locals.log.warn('citizen tracking refused: wrong code or secret', { path: req.path });
      this.html(res, 400, trackFormPage(lang, { code, error: 'error.track-wrong' }));
      return undefined;
    }
    return { lang, body, ticket, secret, steps: await this.repo.steps(ticket.id) };
  }

  page(found: Tracked, extra: { notice?: TextKey; replyError?: TextKey } = {}): string {
    return trackedPage(found.lang, found.ticket, found.steps, {
      secret: found.secret,
      timeZone: this.timeZone,
      ...extra,
    });
  }
}
