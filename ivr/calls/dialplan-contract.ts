/**
 * Where the app continues a call it gives up on (a fault, or a restart that found the caller
 * waiting): the rendered dialplan there routes it like one our app never took (straight to the
 * district office). The app moves the call with ARI's continue to this place rather than by setting
 * a channel variable: on Asterisk 22.10.1 a variable set through ARI leaves the channel's thread
 * with dangerous functions blocked (res/stasis/control.c never lifts the inhibition it set), and
 * the fallback's record is written with one, DB(): "Dangerous function DB write blocked".
 */
export const HANDED_OVER_TARGET = { context: 'hotline-handed-over', extension: 's', priority: 1 } as const;

/**
 * AstDB family in which the rendered dialplan records every call its fallback handles (the app
 * down, or a call handed back after a fault), one key per call: the caller's channel uniqueid,
 * which is also its ARI channel id and so its ticket's key. The service reads these records over
 * AMI (DBGetTree), turns each into a ticket exactly once, then deletes the key (DBDel).
 */
export const FALLBACK_CALLS_FAMILY = 'hotline-fallback';

/** Separator of a fallback record's fields (never in a phone number, an epoch or a status). */
export const FALLBACK_FIELD_SEPARATOR = ';';

/**
 * A fallback record's fields, in order. The dialplan writes the record when the fallback starts
 * (`endedEpoch` empty: the call is still on, or Asterisk stopped during it) and again from a
 * hangup handler when the caller's channel ends.
 * - `format`: `1`, the layout of this list.
 * - `receivedEpoch`: `${EPOCH}` when the fallback started.
 * - `callerNumber`: the caller id number, only digits and `+` kept.
 * - `reason`: `no-app` (Stasis() failed: no websocket served the app) or `handed-over` (the app
 *   continued the call at HANDED_OVER_TARGET).
 * - `contactId`: the contact whose Dial() ran last (empty when none did).
 * - `dialStatus`: `${DIALSTATUS}` of that Dial() (ANSWER when the contact took the call).
 * - `answeredSeconds`: `${ANSWEREDTIME}` of that Dial(), the conversation's length.
 * - `endedEpoch`: `${EPOCH}` when the caller's channel ended.
 */
export const FALLBACK_RECORD_FIELDS = [
  'format',
  'receivedEpoch',
  'callerNumber',
  'reason',
  'contactId',
  'dialStatus',
  'answeredSeconds',
  'endedEpoch',
] as const;

export type FallbackRecordField = (typeof FALLBACK_RECORD_FIELDS)[number];
