import type { PromptId } from '../prompts/catalogue';
import { promptUri } from '../prompts/catalogue';
import type { CallContext } from './call-context';
import { play } from './media';

const MAX_SILENCE_SECONDS = 10;

/** What the caller hears around a voice message, and the name it is stored under on Asterisk. */
export interface VoiceMessagePlan {
  /** Played to its end before the tone: who will hear the message, and that # ends it. */
  invitation: PromptId;
  /** Played once a message worth a person's time was kept. */
  saved: PromptId;
  /** The stored recording's name (the ticket's voicemail). */
  name: string;
}

/**
 * A voice message, as the voicemail and the confidential complaint take it: the invitation, then
 * the caller speaks after the tone (# ends it, so do silence and the length limit), then they hear
 * that it was kept, or, for a message ended at the beep, the callback promise rather than a
 * confirmation of nothing. A recording Asterisk fails is noted and not acknowledged.
 */
export async function takeVoiceMessage(ctx: CallContext, plan: VoiceMessagePlan): Promise<void> {
  ctx.facts.enterStage('voicemail');
  await play(ctx, ctx.callId, [promptUri(plan.invitation)], { stopOnKey: false });
  const { name } = plan;
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
    ctx.log.warn('voice message recording failed', { name, cause: event.cause });
    ctx.facts.note('voicemail.failed', { cause: event.cause });
    return;
  }
  ctx.facts.voicemailFinished(event?.type === 'RecordingFinished' ? event.durationSeconds : undefined);
  const acknowledgement = ctx.facts.hasUsableVoicemail() ? plan.saved : 'callback-promise';
  await play(ctx, ctx.callId, [promptUri(acknowledgement)], { stopOnKey: false });
}
