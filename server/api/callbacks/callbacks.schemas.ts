import { z } from 'zod';
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
