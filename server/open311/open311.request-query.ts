import { DateTime } from 'luxon';
import type { TicketStatus } from '../../core/tickets/ticket-status';
import { OPEN_STATUSES, TICKET_STATUSES } from '../../core/tickets/ticket-status';
import type { RequestFilter } from './open311.repo';
import { parseServiceCode, type ServiceRef } from './open311.services';
import type { Open311Error } from './open311.views';

/** The specification's default and largest span, and its default number of requests. */
export const MAX_SPAN_DAYS = 90;
export const MAX_REQUESTS = 1000;

/** W3C date and time (the note the specification cites): a date alone, or a time with its zone. */
const W3C = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

const DAY_MS = 24 * 60 * 60_000;

const listOf = (value: unknown): string[] | undefined => {
  const text = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '';
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : undefined;
};

function dateOf(name: string, value: unknown, timeZone: string): Date | Open311Error | undefined {
  if (value === undefined || value === '') return undefined;
  const text = typeof value === 'string' ? value.trim() : '';
  const parsed = W3C.test(text) ? DateTime.fromISO(text, { zone: timeZone }) : undefined;
  if (!parsed?.isValid)
    return { code: 400, description: `${name} must use the W3C format, e.g. 2026-12-01T00:00:00+07:00` };
  return parsed.toJSDate();
}

/**
 * GET requests' arguments as a filter: service_request_id (a comma list that overrides the rest),
 * service_code and status (comma lists), start_date and end_date (W3C; at most 90 days apart,
 * the last 90 days when neither is sent), never more than 1000 requests.
 */
export function readRequestQuery(
  query: Record<string, unknown>,
  now: Date,
  timeZone: string,
): { ok: true; filter: RequestFilter } | { ok: false; errors: Open311Error[] } {
  const errors: Open311Error[] = [];
  const codes = listOf(query.service_request_id);
  if (codes && codes.length > MAX_REQUESTS)
    errors.push({ code: 400, description: `service_request_id names at most ${MAX_REQUESTS} requests` });

  const services: ServiceRef[] = [];
  for (const code of listOf(query.service_code) ?? []) {
    const ref = parseServiceCode(code);
    if (ref) services.push(ref);
    else errors.push({ code: 400, description: `service_code ${code.slice(0, 40)} is not a service code` });
  }

  let statuses: TicketStatus[] | undefined;
  for (const status of listOf(query.status) ?? []) {
    if (status !== 'open' && status !== 'closed') {
      errors.push({ code: 400, description: 'status must be open or closed' });
      continue;
    }
    const mapped = TICKET_STATUSES.filter((s) => OPEN_STATUSES.includes(s) === (status === 'open'));
    statuses = [...new Set([...(statuses ?? []), ...mapped])];
  }

  const start = dateOf('start_date', query.start_date, timeZone);
  const end = dateOf('end_date', query.end_date, timeZone);
  for (const date of [start, end]) if (date && !(date instanceof Date)) errors.push(date);
  if (errors.length > 0) return { ok: false, errors };

  const spanMs = MAX_SPAN_DAYS * DAY_MS;
  const from = start instanceof Date ? start : new Date((end instanceof Date ? end : now).getTime() - spanMs);
  const to = end instanceof Date ? end : start instanceof Date ? new Date(from.getTime() + spanMs) : now;
  if (to < from) return { ok: false, errors: [{ code: 400, description: 'end_date is before start_date' }] };
  if (to.getTime() - from.getTime() > spanMs)
    return {
      ok: false,
      errors: [
        { code: 400, description: `start_date and end_date may not span more than ${MAX_SPAN_DAYS} days` },
      ],
    };
  return {
    ok: true,
    filter: {
      ...(codes && { codes }),
      ...(services.length > 0 && { services }),
      ...(statuses && { statuses }),
      from,
      to,
      limit: MAX_REQUESTS,
    },
  };
}
