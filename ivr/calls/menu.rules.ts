import type { DialCodeIndex } from '../../core/domain/dial-codes';

export type MenuAction =
  | { kind: 'route'; code: string }
  /** Keep collecting; `final` is the code to take if no further key comes in time. */
  | { kind: 'collect'; digits: string; final: string | null }
  | { kind: 'invalid'; digits: string }
  | { kind: 'repeat' };

/**
 * What one key means in the unit menu, given the digits so far. Routes as soon as the digits can
 * only be one code; waits while they could still grow ('1' when '12' exists); '#' ends the entry;
 * '*' asks for the menu again.
 */
export function onMenuKey(digits: string, key: string, codes: DialCodeIndex): MenuAction {
  if (key === '*') return { kind: 'repeat' };
  if (key === '#') {
    if (digits === '') return { kind: 'collect', digits, final: null };
    const match = codes.match(digits);
    return match.kind === 'complete' ? { kind: 'route', code: match.code } : { kind: 'invalid', digits };
  }
  if (!/^\d$/.test(key)) return { kind: 'collect', digits, final: null };
  const entered = digits + key;
  const match = codes.match(entered);
  switch (match.kind) {
    case 'complete':
      return match.canGrow
        ? { kind: 'collect', digits: entered, final: match.code }
        : { kind: 'route', code: match.code };
    case 'prefix':
      return { kind: 'collect', digits: entered, final: null };
    case 'impossible':
      return { kind: 'invalid', digits: entered };
  }
}

/** The inter-digit timeout ran out: take the code the digits already make, if any. */
export function onMenuTimeout(action: { digits: string; final: string | null }): MenuAction {
  if (action.final !== null) return { kind: 'route', code: action.final };
  return { kind: 'invalid', digits: action.digits };
}
