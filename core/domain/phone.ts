export type PhoneParse = { ok: true; e164: string } | { ok: false; reason: string };

const VN_COUNTRY_CODE = '84';
const MOBILE_NSN_DIGITS = 9;
const LANDLINE_NSN_DIGITS = 10;
// Separators people (and spreadsheets) put between digit groups.
const SEPARATORS = /[\s.\-()]/g;
const E164 = /^\+[1-9]\d{7,14}$/;

const fail = (reason: string): PhoneParse => ({ ok: false, reason });

/**
 * Parses a Vietnamese phone number written any common way into E.164 (+84…).
 *
 * Lenient on layout (spaces, dots, hyphens, parentheses, +84 / 0084 / 84 / 0 prefixes, a redundant
 * "(0)" after +84, a leading 0 dropped by a spreadsheet or a trunk's caller id), strict on digits:
 * mobiles are 9 digits after the 0 (3x, 5x, 7x, 8x, 9x), landlines 10 digits after the 0 (02x).
 */
export function normalizeVietnamesePhone(input: string): PhoneParse {
  const text = input.trim();
  if (text === '') return fail('phone number is empty');
  const letters = text.match(/\p{L}+/u);
  if (letters) return fail(`phone number contains letters ("${letters[0]}")`);
  const stray = /[^\d\s.\-()+]/.exec(text);
  if (stray) return fail(`phone number contains the character "${stray[0]}"`);
  if (text.lastIndexOf('+') > 0) return fail('"+" may only appear at the start of a phone number');
  if (!hasBalancedParentheses(text)) return fail('phone number has unbalanced parentheses');

  const digits = text.replace(/\D/g, '');
  if (digits === '') return fail('phone number has no digits');

  const international = internationalPart(text.startsWith('+'), digits);
  if (international !== null && !international.startsWith(VN_COUNTRY_CODE)) {
    return fail(`wrong country code: +${international} is not a Vietnamese (+84) number`);
  }
  let nsn = international === null ? nationalPart(digits) : international.slice(VN_COUNTRY_CODE.length);
  // "+84 (0)889…" carries the trunk 0 along; no national number starts with 0, so drop it.
  if (international !== null && nsn.startsWith('0')) nsn = nsn.slice(1);

  const reason = nationalNumberProblem(nsn);
  return reason === null ? { ok: true, e164: `+${VN_COUNTRY_CODE}${nsn}` } : fail(reason);
}

/** Digits after the international prefix (+ or 00), or after a bare "84" when the length says so; else null. */
function internationalPart(hasPlus: boolean, digits: string): string | null {
  if (hasPlus) return digits;
  if (digits.startsWith('00')) return digits.slice(2);
  // 84 + a mobile or landline number; a bare 9-digit mobile may itself start with 84 (VinaPhone 084).
  const isBareWithCountryCode =
    digits.startsWith(VN_COUNTRY_CODE) &&
    (digits.length === 2 + MOBILE_NSN_DIGITS || digits.length === 2 + LANDLINE_NSN_DIGITS);
  return isBareWithCountryCode ? digits : null;
}

function nationalPart(digits: string): string {
  return digits.startsWith('0') ? digits.slice(1) : digits;
}

function nationalNumberProblem(nsn: string): string | null {
  const first = nsn[0];
  if (first === undefined) return 'phone number has no digits after the leading 0 or +84';
  if (first === '0') return 'phone number has a second 0 after the leading 0 or +84';
  if (first === '1') {
    return 'phone number starts with 1 after the leading 0 or +84: the 11-digit 01x mobile numbers were renumbered in 2018, and 1800/1900/11x are service numbers, not phones';
  }
  if (first === '4' || first === '6') {
    return `phone number starts with 0${first}, which is not in use: landline area codes moved to 02x in 2017`;
  }
  const expected = first === '2' ? LANDLINE_NSN_DIGITS : MOBILE_NSN_DIGITS;
  const kind = first === '2' ? 'landline (02x)' : 'mobile';
  if (nsn.length === expected) return null;
  const problem = nsn.length < expected ? 'too short' : 'too long';
  return `phone number is ${problem}: ${nsn.length} digits after the leading 0 or +84, a Vietnamese ${kind} number has ${expected}`;
}

function hasBalancedParentheses(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (depth < 0 || depth > 1) return false;
  }
  return depth === 0;
}

export function isE164(value: string): boolean {
  return E164.test(value);
}

/** '+84889009412' → '0889009412'; other countries get the international prefix: '+1415…' → '001415…'. */
export function toNationalDigits(e164: string): string {
  if (!isE164(e164)) throw new Error(`not an E.164 phone number: "${e164}"`);
  const digits = e164.slice(1);
  return digits.startsWith(VN_COUNTRY_CODE) ? `0${digits.slice(VN_COUNTRY_CODE.length)}` : `00${digits}`;
}

/**
 * Display form: '0889 009 412' (mobile), '024 3825 3536' (Hanoi/HCMC landline), '0203 382 5353'
 * (other landlines). Anything that is not a valid Vietnamese number is returned unchanged, so a
 * display never fails on odd data.
 */
export function formatNational(e164: string): string {
  const parsed = isE164(e164) ? normalizeVietnamesePhone(e164) : null;
  if (!parsed?.ok) return e164;
  const national = toNationalDigits(parsed.e164);
  if (national.length === MOBILE_NSN_DIGITS + 1) return group(national, [4, 3, 3]);
  const hasTwoDigitAreaCode = national.startsWith('024') || national.startsWith('028');
  return group(national, hasTwoDigitAreaCode ? [3, 4, 4] : [4, 3, 4]);
}

function group(digits: string, sizes: number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(' ');
}

/**
 * A number as a person reads it, in the one national format: '+84912345678' → '0912 345 678', a
 * mask '+84***12' → '0***12'; an endpoint (PJSIP/ward1) or a foreign number as given.
 */
export function phoneForDisplay(value: string): string {
  if (isE164(value)) return formatNational(value);
  return value.replace(/^\+84(?=\*)/, '0');
}

/** Digits a mask keeps at most, the prefix (+84, a leading 0) counted. */
const MASK_KEEPS_DIGITS = 4;
/** Digits a mask hides at least: a short number is hidden whole. */
const MASK_HIDES_DIGITS = 5;

/**
 * Hides a phone number for logs and masked readers, keeping at most 4 digits and not its length:
 * '+84889009412' → '+84***12', '088.900.9412' → '0***412'. Text that is not a number has each
 * run of 5+ digits masked, so a number inside a SIP URI does not leak either.
 */
export function maskPhone(e164OrRaw: string): string {
  const compact = e164OrRaw.trim().replace(SEPARATORS, '');
  if (/^\+?\d+$/.test(compact)) return maskDigits(compact);
  return e164OrRaw.replace(/\+?\d{5,}/g, maskDigits);
}

function maskDigits(number: string): string {
  const head = number.startsWith('+') ? number.slice(0, 3) : number.startsWith('0') ? '0' : '';
  const headDigits = head.replace('+', '').length;
  const digits = number.replace('+', '').length;
  const tail = Math.max(0, Math.min(MASK_KEEPS_DIGITS - headDigits, digits - headDigits - MASK_HIDES_DIGITS));
  return `${head}***${tail > 0 ? number.slice(-tail) : ''}`;
}
