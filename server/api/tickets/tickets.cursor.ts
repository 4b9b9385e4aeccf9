import { issue, ValidationError } from '../../../core/errors';
import {
  type SortKey,
  STATUS_RANK,
  sortNameOf,
  TICKET_SORT_NAMES,
  type TicketSort,
} from '../../../core/tickets/ticket-sort';
import { isWithinSaneRange } from '../openapi/common.schemas';

const KEY_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const MAX_UNIT_KEY = 300;

/** A calendar date that exists (V8's Date.parse rolls 2026-02-30 over to March), in the API's range. */
function isRealInstant(keyTime: string): boolean {
  const ms = Date.parse(keyTime);
  return isWithinSaneRange(ms) && new Date(ms).toISOString().slice(0, 10) === keyTime.slice(0, 10);
}

/** Whether `value` is a sort value the page statement can have written for this sort's field. */
function isKeyValue(sort: TicketSort, value: unknown): boolean {
  switch (sort.field) {
    case 'received_at':
      return typeof value === 'string' && KEY_TIME.test(value) && isRealInstant(value);
    case 'wait':
      return Number.isSafeInteger(value) && (value as number) >= -1;
    case 'status':
      return Object.values(STATUS_RANK).includes(value as number);
    case 'unit':
      return typeof value === 'string' && value.length <= MAX_UNIT_KEY;
  }
}

/** The opaque page token: base64url of [the sort's name, the last row's sort value, its id]. */
export function encodeCursor(sort: TicketSort, key: SortKey): string {
  return Buffer.from(JSON.stringify([sortNameOf(sort), key.value, key.id])).toString('base64url');
}

/** The key a cursor carries, if it was made for this sort; another sort's cursor is refused. */
export function decodeCursor(cursor: string, sort: TicketSort): SortKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    !TICKET_SORT_NAMES.includes(parsed[0]) ||
    !Number.isSafeInteger(parsed[2]) ||
    parsed[2] <= 0
  ) {
    throw new ValidationError('query', [
      issue('cursor', 'unknown-cursor', 'is not a cursor this API returned'),
    ]);
  }
  const [name, value, id] = parsed as [string, unknown, number];
  if (name !== sortNameOf(sort)) {
    throw new ValidationError('query', [
      issue('cursor', 'cursor-other-sort', `was made for sort=${name}, not sort=${sortNameOf(sort)}`, {
        sort: name,
      }),
    ]);
  }
  if (!isKeyValue(sort, value)) {
    throw new ValidationError('query', [
      issue('cursor', 'unknown-cursor', 'is not a cursor this API returned'),
    ]);
  }
  return { value: value as string | number, id };
}
