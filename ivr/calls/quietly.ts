import type { Logger } from '../../core/logger';

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
