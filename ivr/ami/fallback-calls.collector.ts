import type { Logger } from '../../core/logger';
import type { FallbackCall } from '../../core/tickets/fallback-call';
import { FALLBACK_CALLS_FAMILY } from '../calls/dialplan-contract';
import { parseFallbackRecord } from '../calls/fallback-record';
import type { AmiSession } from './ami.session';

/** Where calls the dialplan fallback handled become tickets (idempotent on the channel id). */
export interface FallbackCallSink {
  record(call: FallbackCall): Promise<void>;
}

/** A record still open this long after the call came in was left by an Asterisk that stopped mid-call. */
const OPEN_RECORD_STALE_MS = 6 * 3600 * 1000;

/** DBGetTree has nothing to refuse: an empty family is an empty list. */
const NEVER_EMPTY = /^$/;

/**
 * Reads the AstDB records the dialplan fallback wrote (DBGetTree), hands each finished call to the
 * sink and deletes its key (DBDel) only once the sink has stored it: a crash in between means the
 * record is read again, and the sink's channel-id key makes that harmless. Returns how many calls
 * were collected.
 */
export async function collectFallbackCalls(
  session: AmiSession,
  sink: FallbackCallSink,
  log: Logger,
  now = new Date(),
): Promise<number> {
  const items = await session.list(
    { Action: 'DBGetTree', Family: FALLBACK_CALLS_FAMILY },
    'DBGetTreeComplete',
    NEVER_EMPTY,
  );
  let collected = 0;
  for (const item of items) {
    const key = item.key ?? '';
    const parsed = parseFallbackRecord(key, item.val ?? '');
    if (!parsed.ok) {
      log.error('dialplan fallback record does not follow the contract: dropped', {
        key,
        value: item.val,
        problem: parsed.problem,
      });
    } else {
      const { call } = parsed;
      const isOpen = call.endedAt === null;
      if (isOpen && now.getTime() - call.receivedAt.getTime() < OPEN_RECORD_STALE_MS) continue;
      await sink.record(call);
      collected += 1;
      log.info('call handled by the dialplan fallback recorded', {
        callId: call.channelId,
        reason: call.reason,
        answered: call.answered,
      });
    }
    await session.action({
      Action: 'DBDel',
      Family: FALLBACK_CALLS_FAMILY,
      Key: key.slice(`/${FALLBACK_CALLS_FAMILY}/`.length),
    });
  }
  return collected;
}
