import { z } from 'zod';
import { bodyId } from '../openapi/common.schemas';

/** How many tickets one bulk request may change: a page of the call log at its largest. */
export const BULK_MAX_IDS = 200;

const ticketIds = z
  .array(
    z.number().int('must be a whole number').positive('must be a positive id').max(Number.MAX_SAFE_INTEGER),
  )
  .min(1, 'must name at least one ticket')
  .max(BULK_MAX_IDS, `must name at most ${BULK_MAX_IDS} tickets`)
  .refine((ids) => new Set(ids).size === ids.length, {
    message: 'must name each ticket once',
    params: { code: 'duplicate-id' },
  })
  .describe(`The tickets, each once, at most ${BULK_MAX_IDS}`);

export const bulkBody = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('close'),
      ids: ticketIds,
      reason: z.string().trim().min(1, 'is required').max(1000).describe("Why, on each ticket's timeline"),
    })
    .strict()
    .describe('Close each ticket, as PATCH /tickets/:id {status: closed, statusReason} does'),
  z
    .object({
      action: z.literal('transfer'),
      ids: ticketIds,
      unitId: bodyId.describe('The active unit that takes the tickets over'),
      reason: z.string().trim().max(500).optional(),
    })
    .strict()
    .describe('Send each ticket to the unit, as POST /tickets/:id/transfer does (admins only)'),
]);

/** Why one ticket was left as it was: the code its single-ticket action answers with. */
export const BULK_REFUSALS = [
  'not-found',
  'already-closed',
  'invalid-transition',
  'already-in-unit',
] as const;
export type BulkRefusal = (typeof BULK_REFUSALS)[number];

export const bulkResultSchema = z
  .object({
    done: z.number().int().describe('How many tickets changed'),
    refused: z.number().int().describe('How many were left as they were'),
    results: z.array(
      z.object({
        id: z.number().int(),
        outcome: z.enum(['done', 'refused']),
        code: z
          .enum(BULK_REFUSALS)
          .nullable()
          .describe(
            "null when done; not-found also for a ticket outside the user's sight (another ward's, a confidential one), exactly as for one that does not exist",
          ),
      }),
    ),
  })
  .meta({ id: 'TicketBulkResult' });

export type BulkInput = z.input<typeof bulkBody>;
export type BulkRequest = z.output<typeof bulkBody>;
export type BulkResult = z.output<typeof bulkResultSchema>;
