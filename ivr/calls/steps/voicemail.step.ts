import type { CallContext } from '../call-context';
import { takeVoiceMessage } from '../voice-message';

/**
 * Nobody answered: the caller leaves a message for the unit after the tone and hears that it was
 * kept (the session then reads the ticket's number and secret).
 */
export async function takeVoicemail(ctx: CallContext): Promise<void> {
  await takeVoiceMessage(ctx, {
    invitation: 'leave-message',
    saved: 'message-saved',
    name: `voicemail-${ctx.callId}`,
  });
}
