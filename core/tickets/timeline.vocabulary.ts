/**
 * Every value the IVR and the server record on a ticket's timeline, listed once: the kinds of
 * steps, and the results a step carries. Whoever records one takes its type from here, so a new
 * value cannot skip this list; the web app words each one in both languages, and
 * test/web/timeline-words.test.ts fails on any value shown raw.
 */
export const TIMELINE_KINDS = [
  // the call, as the IVR records it
  'call.received',
  'stage',
  'recording-notice.heard',
  'menu.invalid',
  'menu.repeat',
  'unit.chosen',
  'complaint.chosen',
  'direct.unknown-code',
  'roster.empty',
  'target.result',
  'call.answered',
  'official.hung-up',
  'recording.started',
  'recording.skipped',
  'voicemail.started',
  'voicemail.finished',
  'voicemail.failed',
  'survey.rated',
  'survey.no-rating',
  'tracking.told',
  'call.ended',
  'service.restarted',
  'handed-to-dialplan',
  'fallback.handled',
  // the callback, as it goes
  'callback.requested',
  'callback.official-answered',
  'callback.connected',
  'callback.result',
  'callback.manual',
  // the citizen site
  'web.feedback',
  'web.complaint',
  'web.rating',
  'citizen.reply',
  // an Open311 client
  'open311.request',
  // people's work and the retention job
  'note',
  'ticket.spam',
  'ticket.transferred',
  'ticket.edited',
  'status.changed',
  'recording.expired',
  'photos.expired',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Why a leg that rang ended without being answered. */
export const RING_FAILURES = ['busy', 'rejected', 'no-answer', 'unavailable'] as const;
export type RingFailure = (typeof RING_FAILURES)[number];

/** What became of ringing one official of the roster (target.result). */
export const TARGET_RESULTS = [
  'accepted',
  ...RING_FAILURES,
  'not-confirmed',
  'official-hung-up',
  'skipped-unreachable',
] as const;
export type TargetResult = (typeof TARGET_RESULTS)[number];

/** How a callback ended (callback.result). */
export const CALLBACK_RESULTS = [
  'connected',
  ...RING_FAILURES.map((failure) => `official-${failure}` as const),
  'official-hung-up',
  ...RING_FAILURES.map((failure) => `citizen-${failure}` as const),
  'failed',
] as const;
export type CallbackResult =
  | 'connected'
  | `official-${RingFailure}`
  | 'official-hung-up'
  | `citizen-${RingFailure}`
  | 'failed';
