import { issue, ValidationError } from '../../../core/errors';
import type { TicketKey } from '../../../core/tickets/ticket-keyset';
import { isWithinSaneRange } from '../openapi/common.schemas';

const KEY_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A calendar date that exists (V8's Date.parse rolls 2026-02-30 over to March), in the API's range. */
function isRealInstant(keyTime: string): boolean {
  const ms = Date.parse(keyTime);
  return isWithinSaneRange(ms) && new Date(ms).toISOString().slice(0, 10) === keyTime.slice(0, 10);
}

/** The opaque page token: base64url of the last row's [receivedAt, id]. */
export function encodeCursor(key: TicketKey): string {
  return Buffer.from(JSON.stringify([key.receivedAt, key.id])).toString('base64url');
}

export function decodeCursor(cursor: string): TicketKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    typeof parsed[0] === 'string' &&
    KEY_TIME.test(parsed[0]) &&
    isRealInstant(parsed[0]) &&
    Number.isSafeInteger(parsed[1]) &&
    parsed[1] > 0
  ) {
    return { receivedAt: parsed[0], id: parsed[1] };
  }
  throw new ValidationError('query', [
    issue('cursor', 'unknown-cursor', 'is not a cursor this API returned'),
  ]);
}
