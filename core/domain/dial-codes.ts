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
const DIAL_CODE = new RegExp(`^\\d{1,${MAX_DIAL_CODE_DIGITS}}$`);

/** The units' dial codes, built once per roster refresh and asked on every key press. */
export class DialCodeIndex {
  readonly #codes = new Set<string>();
  /** Every proper prefix of every code, including '' when there is any code. */
  readonly #prefixes = new Set<string>();

  constructor(codes: Iterable<string>) {
    for (const code of codes) {
      if (!DIAL_CODE.test(code)) {
        throw new Error(`invalid dial code "${code}": must be 1 to ${MAX_DIAL_CODE_DIGITS} digits`);
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
