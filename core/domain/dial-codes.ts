/**
 * - complete, canGrow false: route at once.
 * - complete, canGrow true: a code, but longer codes start with it ("1" while "12" exists): wait for
 *   the inter-digit timeout or '#'.
 * - prefix: not a code yet, more digits could make one.
 * - impossible: no code starts with these digits.
 */
export type CodeMatch =
  | { kind: 'complete'; code: string; canGrow: boolean }
  | { kind: 'prefix' }
  | { kind: 'impossible' };

export const MAX_DIAL_CODE_DIGITS = 6;

/**
 * Key 0: the district office, whose operator takes the calls no ward does (the caller's 0, a menu
 * nobody answered, the dialplan's fallback when the service is down).
 */
export const DISTRICT_OFFICE_CODE = '0';

/**
 * The key of the confidential complaint to the chairman (issue 13, item 4), when the organisation
 * file names none: two keys no sample unit holds, easy to say and to remember.
 */
export const DEFAULT_CONFIDENTIAL_CODE = '99';

/**
 * Why the confidential complaint key cannot sit in the menu beside these units, or null when it
 * can: a unit holding the same code (a caller pressing it could reach only one of the two), or a
 * code starting with the operator's key, which must route at once (the menu would wait for more).
 */
export function confidentialCodeClash(
  code: string,
  units: ReadonlyArray<{ code: string; name: string }>,
): string | null {
  const holder = units.find((unit) => unit.code === code);
  if (holder) return `confidential_code "${code}" is also the code of unit ${holder.code} (${holder.name})`;
  if (code.startsWith(DISTRICT_OFFICE_CODE))
    return `confidential_code "${code}" starts with the operator's key ${DISTRICT_OFFICE_CODE}, which must route at once`;
  return null;
}

const DIAL_CODE = new RegExp(`^\\d{1,${MAX_DIAL_CODE_DIGITS}}$`);

/** What the menu can route on: 1 to MAX_DIAL_CODE_DIGITS digits (a unit's code, the complaint key). */
export function isDialCode(code: string): boolean {
  return DIAL_CODE.test(code);
}

export const DIAL_CODE_RULE = `must be 1 to ${MAX_DIAL_CODE_DIGITS} digits`;

/** The units' dial codes, built once per roster refresh and asked on every key press. */
export class DialCodeIndex {
  readonly #codes = new Set<string>();
  /** Every proper prefix of every code, including '' when there is any code. */
  readonly #prefixes = new Set<string>();

  constructor(codes: Iterable<string>) {
    for (const code of codes) {
      if (!isDialCode(code)) {
        throw new Error(`invalid dial code "${code}": ${DIAL_CODE_RULE}`);
      }
      if (this.#codes.has(code)) throw new Error(`duplicate dial code "${code}"`);
      this.#codes.add(code);
      for (let length = 0; length < code.length; length += 1) this.#prefixes.add(code.slice(0, length));
    }
  }

  match(digits: string): CodeMatch {
    const canGrow = this.#prefixes.has(digits);
    if (this.#codes.has(digits)) return { kind: 'complete', code: digits, canGrow };
    return canGrow ? { kind: 'prefix' } : { kind: 'impossible' };
  }

  has(code: string): boolean {
    return this.#codes.has(code);
  }

  get size(): number {
    return this.#codes.size;
  }
}
