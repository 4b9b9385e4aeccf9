import { promptUri } from '../../prompts/catalogue';
import type { CallContext } from '../call-context';
import { play } from '../media';

const MAX_SILENCE_SECONDS = 10;

/**
 * Nobody answered: the caller leaves a message after the tone (# ends it) and hears that it was
 * kept (the session then reads the ticket's number and secret).
 */
export async function takeVoicemail(ctx: CallContext): Promise<void> {
  ctx.facts.enterStage('voicemail');
  await play(ctx, ctx.callId, [promptUri('leave-message')], { stopOnKey: false });
  const name = `voicemail-${ctx.callId}`;
  const finished = ctx.inbox.waitFor(
    (event) =>
      (event.type === 'RecordingFinished' || event.type === 'RecordingFailed') && event.name === name,
    { timeoutMs: ctx.settings.voicemailMaxMs + MAX_SILENCE_SECONDS * 1000 + 5000 },
  );
  finished.catch(() => undefined);
  await ctx.commands.recordChannel(ctx.callId, {
    name,
    format: 'wav',
    maxDurationSeconds: Math.round(ctx.settings.voicemailMaxMs / 1000),
    maxSilenceSeconds: MAX_SILENCE_SECONDS,
    beep: true,
    terminateOn: '#',
    ifExists: 'overwrite',
  });
  ctx.resources.recordings.add(name);
  ctx.facts.voicemailStarted(name);
  const event = await finished;
  ctx.resources.recordings.delete(name);
  if (event?.type === 'RecordingFailed') {
    ctx.log.warn('voicemail recording failed', { cause: event.cause });
    ctx.facts.note('voicemail.failed', { cause: event.cause });
    return;
  }
  ctx.facts.voicemailFinished(event?.type === 'RecordingFinished' ? event.durationSeconds : undefined);
  // A message ended at the beep is no message: promise the callback rather than confirm nothing.
  const acknowledgement = ctx.facts.hasUsableVoicemail()
    ? promptUri('message-saved')
    : promptUri('callback-promise');
  await play(ctx, ctx.callId, [acknowledgement], { stopOnKey: false });
}
