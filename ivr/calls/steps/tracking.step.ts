import { valueWithin } from '../../../core/async/with-timeout';
import { spokenTicketDigits } from '../../../core/domain/ticket-code';
import { ticketCodeUris, trackingUris } from '../../prompts/catalogue';
import type { CallContext } from '../call-context';
import { playToEnd } from '../media';

/** How long the caller may wait for the ticket at the end; past it, they hear no number. */
const TICKET_WAIT_MS = 1500;

/**
 * Where the call ends for the caller (after the message, the rating, or the official hanging up
 * first): the ticket's number and its tracking secret, which open it on the citizen site. Only a
 * ticket the database holds has a number, and its secret comes from the write that stored its
 * hash, so the caller never hears a secret that opens nothing. The secret is never logged.
 */
export async function tellTracking(ctx: CallContext): Promise<void> {
  const stored = await valueWithin(ctx.ticket, TICKET_WAIT_MS);
  if (!stored) return;
  const digits = spokenTicketDigits(stored.code);
  const secret = stored.trackingSecret;
  const media = secret === undefined ? ticketCodeUris(digits) : trackingUris(digits, secret);
  const played = await playToEnd(ctx, ctx.callId, media, { stopOnKey: false });
  if (played.kind === 'played' && secret !== undefined) ctx.facts.note('tracking.told');
}
