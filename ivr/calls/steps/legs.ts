import type { CallContext } from '../call-context';
import { quietly } from '../quietly';

/** First Stasis argument of every outbound leg: its StasisStart is never taken for a new citizen. */
export const LEG_ARG = 'hotline-leg';

export function hangupQuietly(ctx: CallContext, channelId: string): Promise<void> {
  return quietly(ctx.log, `channel ${channelId}`, () => ctx.commands.hangup(channelId));
}
