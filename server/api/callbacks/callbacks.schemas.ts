import { z } from 'zod';
import { CALLED_BACK_RESULTS, endsCallbackNeed } from '../../../core/tickets/called-back';
import { bodyId } from '../openapi/common.schemas';

export const callbackBody = z.object({
  contactId: bodyId.optional().describe("A contact of the ticket's unit; default: who is on duty now"),
  closeFollowUp: z
    .boolean()
    .default(true)
    .describe('Clear the ticket\'s "needs callback" flag once the callback connects'),
});

export const callbackStarted = z.object({
  callbackId: z.string(),
  official: z.object({ contactId: z.number().int(), name: z.string() }),
});

export type CallbackStarted = z.output<typeof callbackStarted>;

export const calledBackBody = z
  .object({
    result: z.enum(CALLED_BACK_RESULTS).describe('What came of the call the official placed themselves'),
    note: z.string().trim().max(2000).optional().describe('What was said or agreed'),
    closeFollowUp: z
      .boolean()
      .optional()
      .describe('Clear the ticket\'s "needs callback" flag; default: only when the citizen was reached'),
  })
  .transform((body) => ({ ...body, closeFollowUp: body.closeFollowUp ?? endsCallbackNeed(body.result) }));

export type CalledBack = z.output<typeof calledBackBody>;
export type CalledBackInput = z.input<typeof calledBackBody>;

export const telephonySchema = z
  .object({
    recordings: z.boolean().describe('a switchboard (ARI_URL) is configured to play recordings from'),
    connected: z.boolean().describe('connected to Asterisk now: callbacks can be placed'),
  })
  .meta({ id: 'Telephony' });

export type Telephony = z.output<typeof telephonySchema>;
