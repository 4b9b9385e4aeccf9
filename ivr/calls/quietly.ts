import type { Logger } from '../../core/logger';
import type { CallContext } from './call-context';

/**
 * Runs a command whose target may already be gone (a channel hung up, a playback finished, a
 * bridge destroyed by the other side): in cleanup that is the expected case, so a failure is
 * logged at debug and the call goes on.
 */
export async function quietly(log: Logger, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    log.debug(`${what}: already gone`, { error: (error as Error).message });
  }
}

/** Hangs a channel up unless it is gone already. */
export function hangupQuietly(ctx: CallContext, channelId: string): Promise<void> {
  return quietly(ctx.log, `channel ${channelId}`, () => ctx.commands.hangup(channelId));
}
