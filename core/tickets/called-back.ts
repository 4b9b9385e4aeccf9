/**
 * What came of a callback an official placed outside the IVR (from their own mobile), as they
 * record it with "Đã gọi lại": stored on the timeline as a `callback.manual` step.
 */
export const CALLED_BACK_RESULTS = ['reached', 'no-answer', 'busy', 'wrong-number'] as const;
export type CalledBackResult = (typeof CALLED_BACK_RESULTS)[number];

/** Only a callback that reached the citizen ends the need for one, unless the official says otherwise. */
export function endsCallbackNeed(result: CalledBackResult): boolean {
  return result === 'reached';
}
