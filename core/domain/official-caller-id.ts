/**
 * What an official's phone shows for a hotline call that reaches it through the trunk.
 * - `hotline`: the hotline's own number. Carriers refuse, or rewrite, a caller id the trunk does
 *   not own, so the citizen's number may never arrive; the hotline's always does, and the official
 *   knows the call is the hotline's.
 * - `citizen`: the citizen's number, where the carrier lets the trunk present numbers it does not own.
 */
export const OFFICIAL_CALLER_ID_MODES = ['hotline', 'citizen'] as const;
export type OfficialCallerId = (typeof OFFICIAL_CALLER_ID_MODES)[number];

/** A caller id number as Asterisk's FILTER(0-9+,…) keeps it: digits and `+`, or null when none is left. */
export function callerIdDigits(number: string | null): string | null {
  const kept = number?.replace(/[^0-9+]/g, '') ?? '';
  return kept === '' ? null : kept;
}

/**
 * The caller id number a leg to an official carries, or null to leave it to the trunk (hotline
 * mode with no hotline number known, or a citizen who sent none). Never the citizen's number in
 * hotline mode.
 */
export function callerIdForOfficial(
  setting: OfficialCallerId,
  hotlineNumber: string | null,
  citizenNumber: string | null,
): string | null {
  return callerIdDigits(setting === 'hotline' ? hotlineNumber : citizenNumber);
}
