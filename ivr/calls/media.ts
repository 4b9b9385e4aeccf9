import type { CallContext } from './call-context';
import { WAIT_OVER } from './event-inbox';
import { quietly } from './quietly';
import type { TelephonyEvent } from './telephony.port';

/** Guards a playback whose end event was lost (websocket down): the call moves on. */
const PLAYBACK_GUARD_MS = 120_000;

const isKeyOn = (channelId: string) => (event: TelephonyEvent) =>
  event.type === 'ChannelDtmfReceived' && event.channelId === channelId;

function stopQuietly(ctx: CallContext, playbackId: string): Promise<void> {
  return quietly(ctx.log, `playback ${playbackId}`, () => ctx.commands.stopPlayback(playbackId));
}

export interface PlayOptions {
  /** A key pressed meanwhile stops the playback (Asterisk does not) and is returned. */
  stopOnKey: boolean;
  /** Cuts the playback short when it fires (an official took the call: the caller must hear them). */
  cancel?: AbortSignal;
}

/**
 * How a playback ended: played to its end, stopped by a key (returned), or not heard to its end
 * otherwise (cut short by `cancel`, or a prompt Asterisk could not play).
 */
export type PlayResult = { kind: 'played' } | { kind: 'key'; key: string } | { kind: 'cut' };

/**
 * Plays media to a channel and waits for the end. A prompt Asterisk cannot find is logged and
 * skipped: the caller hears the rest of the call rather than nothing.
 */
export async function play(
  ctx: CallContext,
  channelId: string,
  media: string[],
  options: PlayOptions,
): Promise<string | null> {
  const result = await playToEnd(ctx, channelId, media, options);
  return result.kind === 'key' ? result.key : null;
}

/** `play`, telling how the playback ended (whether the caller heard all of it). */
export async function playToEnd(
  ctx: CallContext,
  channelId: string,
  media: string[],
  options: PlayOptions,
): Promise<PlayResult> {
  if (options.cancel?.aborted) return { kind: 'cut' };
  if (options.stopOnKey) {
    const typedAhead = ctx.keys.take(channelId);
    if (typedAhead !== null) return { kind: 'key', key: typedAhead };
  }
  const playbackId = ctx.newId('playback');
  ctx.resources.playbacks.add(playbackId);
  const done = new AbortController();
  const finished = ctx.inbox.waitFor(
    (event) => event.type === 'PlaybackFinished' && event.playbackId === playbackId,
    { timeoutMs: PLAYBACK_GUARD_MS, cancel: done.signal },
  );
  const key = options.stopOnKey
    ? ctx.inbox.waitFor(isKeyOn(channelId), { cancel: done.signal })
    : new Promise<null>(() => undefined);
  finished.catch(() => undefined);
  key.catch(() => undefined);
  // Asterisk may raise PlaybackStarted, and the caller type a key, before the play request is
  // answered: the key is acted on as it comes, not once the answer arrives. A refused play fails
  // the wait as before.
  const sending = ctx.commands.playOnChannel(channelId, playbackId, media);
  let isSent = false;
  const refused = sending.then(() => {
    isSent = true;
    return new Promise<never>(() => undefined);
  });
  refused.catch(() => undefined);
  const stopOnceSent = () =>
    isSent
      ? stopQuietly(ctx, playbackId)
      : sending.then(
          () => stopQuietly(ctx, playbackId),
          () => undefined,
        );
  // A cut sends the stop from within `abort()`, before whatever the canceller sends next (the bridge
  // add that Asterisk queues behind this playback on the channel).
  let cutting: Promise<void> | undefined;
  const cut = new Promise<'cut'>((resolve) => {
    options.cancel?.addEventListener(
      'abort',
      () => {
        cutting = stopOnceSent();
        resolve('cut');
      },
      { once: true, signal: done.signal },
    );
  });
  let stopping: Promise<void> | undefined;
  try {
    const first = await Promise.race([finished, key, cut, refused]);
    if (first === 'cut') {
      await cutting;
      return { kind: 'cut' };
    }
    if (first?.type === 'ChannelDtmfReceived') {
      // The key is acted on at once; the stop travels beside whatever the key leads to.
      stopping = stopOnceSent().finally(() => ctx.resources.playbacks.delete(playbackId));
      const pressed = ctx.keys.take(channelId);
      return pressed === null ? { kind: 'cut' } : { kind: 'key', key: pressed };
    }
    if (first?.type === 'PlaybackFinished' && first.state === 'failed') {
      ctx.log.warn('prompt could not be played; going on without it', { media });
      return { kind: 'cut' };
    }
    return { kind: 'played' };
  } finally {
    done.abort(WAIT_OVER);
    if (!stopping) ctx.resources.playbacks.delete(playbackId);
  }
}

/** The next key the channel presses (or pressed earlier and nobody took), or null after `timeoutMs`. */
export async function nextKey(
  ctx: CallContext,
  channelId: string,
  timeoutMs: number,
): Promise<string | null> {
  const queued = ctx.keys.take(channelId);
  if (queued !== null) return queued;
  const event = await ctx.inbox.waitFor(isKeyOn(channelId), { timeoutMs });
  return event ? ctx.keys.take(channelId) : null;
}
