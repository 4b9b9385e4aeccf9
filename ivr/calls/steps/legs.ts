import type { CallContext } from '../call-context';

/** First Stasis argument of every outbound leg: its StasisStart is never taken for a new citizen. */
export const LEG_ARG = 'hotline-leg';

export async function hangupQuietly(ctx: CallContext, channelId: string): Promise<void> {
  try {
    await ctx.commands.hangup(channelId);
  } catch (error) {
    ctx.log.debug('channel already gone', { channelId, error: (error as Error).message });
  }
}
