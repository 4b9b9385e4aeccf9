export interface TicketCodeParts {
  year: number;
  seq: number;
}

const PREFIX = 'HL';
const MIN_SEQ_DIGITS = 6;
// Canonical form only: six zero-padded digits, or more digits without a leading zero.
const TICKET_CODE = /^HL-(\d{4})-(\d{6}|[1-9]\d{6,14})$/i;

/** What every code of the year starts with ('HL-2026-'); the sequence follows it. */
export function ticketCodePrefix(year: number): string {
  return `${PREFIX}-${year}-`;
}

/** 'HL-2026-000123'; the sequence keeps growing past 999999 ('HL-2026-1000000'). */
export function formatTicketCode(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`ticket code year must be a 4-digit integer, got ${year}`);
  }
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new RangeError(`ticket code sequence must be a positive integer, got ${seq}`);
  }
  return `${ticketCodePrefix(year)}${String(seq).padStart(MIN_SEQ_DIGITS, '0')}`;
}

/** Reads a code as staff or citizens type it (any letter case, surrounding spaces); null when it is not one. */
export function parseTicketCode(code: string): TicketCodeParts | null {
  const match = TICKET_CODE.exec(code.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const seq = Number(match[2]);
  if (year < 1000 || seq < 1) return null;
  return { year, seq };
}

/**
 * What the IVR reads to the caller: the sequence number without padding ('HL-2026-000123' → '123').
 * The year is left out because the caller hears the code at the end of the call it belongs to, and
 * every extra digit is one more to mishear on a poor line; staff find tickets by number within the year.
 */
export function spokenTicketDigits(code: string): string {
  const parts = parseTicketCode(code);
  if (parts === null) throw new Error(`not a ticket code: "${code}"`);
  return String(parts.seq);
}

/**
 * The codes a citizen may mean by what they type to follow a ticket: the code itself, or the number
 * alone as the IVR read it ('123': this year's HL-2026-000123 or, heard before New Year, last
 * year's). None when the text is neither.
 */
export function codesMeantBy(typed: string, year: number): string[] {
  const text = typed.trim();
  const parts = parseTicketCode(text);
  if (parts !== null) return [formatTicketCode(parts.year, parts.seq)];
  if (!/^\d{1,15}$/.test(text)) return [];
  const seq = Number(text);
  if (!Number.isSafeInteger(seq) || seq < 1) return [];
  return [formatTicketCode(year, seq), formatTicketCode(year - 1, seq)];
}
