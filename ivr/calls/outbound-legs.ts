/** First Stasis argument of every outbound leg: its StasisStart is never taken for a new citizen. */
export const LEG_ARG = 'hotline-leg';

/**
 * How the id of every outbound leg starts (`leg-<uuid>`): after a restart, when the StasisStart
 * args are long gone, it still tells an official's leg from a citizen's channel (an Asterisk uniqueid).
 */
export const LEG_ID_PREFIX = 'leg-';
