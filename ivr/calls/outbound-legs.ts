import type { TelephonyEvent } from './telephony.port';

/** First Stasis argument of every outbound leg: its StasisStart is never taken for a new citizen. */
export const LEG_ARG = 'hotline-leg';

/**
 * How the id of every outbound leg starts (`leg-<uuid>`): after a restart, when the StasisStart
 * args are long gone, it still tells an official's leg from a citizen's channel (an Asterisk uniqueid).
 */
export const LEG_ID_PREFIX = 'leg-';

/**
 * The channel an event says Asterisk is ending: its hangup request (whatever the cause), its
 * leaving the app, or its destruction. A channel past any of these needs no DELETE from us.
 */
export function channelEndingIn(event: TelephonyEvent): string | undefined {
  return event.type === 'ChannelHangupRequest' ||
    event.type === 'StasisEnd' ||
    event.type === 'ChannelDestroyed'
    ? event.channelId
    : undefined;
}

/** Whether an event says Asterisk is ending this channel (see channelEndingIn). */
export const legEnded = (channelId: string) => (event: TelephonyEvent) =>
  channelEndingIn(event) === channelId;
