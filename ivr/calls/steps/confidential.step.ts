import type { CallContext } from '../call-context';
import { takeVoiceMessage } from '../voice-message';

/**
 * The caller pressed the confidential complaint key (issue 13, item 4): a voice message for the
 * chairman and Home Affairs about a unit's own officials, which no unit's staff may learn exists.
 * The ticket is leader-only from the key on, and written at once, so a caller who hangs up during
 * the notice or the message leaves a complaint the ward never sees. The notice says who hears it
 * and asks for the unit or ward, the official and what happened; no official is rung.
 */
export async function takeConfidentialMessage(ctx: CallContext, code: string): Promise<void> {
  ctx.facts.complaintChosen(code);
  ctx.checkpoint();
  await takeVoiceMessage(ctx, {
    invitation: 'complaint-notice',
    saved: 'complaint-saved',
    name: `complaint-${ctx.callId}`,
  });
}
