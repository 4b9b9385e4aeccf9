import { z } from 'zod';
import { CALL_STAGES } from '../../core/tickets/call-ticket';
import { REACHABILITIES } from '../../ivr/calls/reachability.port';

/** The live board as GET /live and the "board" events of /live/stream send it (see LiveBoard). */

const unitRef = z.object({ id: z.number().int(), code: z.string(), name: z.string() });

export const boardCallSchema = z.object({
  id: z.string(),
  kind: z.enum(['citizen', 'callback']).describe("A citizen's call, or a callback an official placed"),
  stage: z.enum(CALL_STAGES),
  since: z.string().describe('When the call entered its stage (ISO 8601)'),
  receivedAt: z.string(),
  callerNumber: z.string().nullable().describe('As the reader may see it (the confidentiality rule)'),
  unit: unitRef.nullable(),
  party: z.object({ contactId: z.number().int(), name: z.string() }).nullable(),
  ticketId: z.number().int().nullable(),
  confidential: z.boolean().describe('A callback on a confidential ticket'),
  leaderOnly: z
    .boolean()
    .describe("A confidential complaint to the chairman: absent for the unit's staff and most viewers"),
});

export const boardContactSchema = z.object({
  contactId: z.number().int(),
  name: z.string(),
  dial: z.string().describe('E.164 or the endpoint; a phone number is masked for viewers'),
  isPhoneNumber: z.boolean(),
  isFallback: z.boolean(),
  reachability: z
    .enum(REACHABILITIES)
    .describe("What AMI says of the phone; 'unknown' through the trunk or without AMI"),
});

export const boardUnitSchema = unitRef.extend({ onDuty: z.array(boardContactSchema) });

export const boardSchema = z
  .object({
    at: z.string(),
    telephony: z.boolean().describe('Whether calls are known at all (false when ARI is not configured)'),
    connected: z
      .boolean()
      .describe('Whether the switchboard (ARI) is connected now; calls are live only then'),
    calls: z.array(boardCallSchema),
    units: z.array(boardUnitSchema),
  })
  .meta({ id: 'Board' });

export type BoardSnapshot = z.output<typeof boardSchema>;
export type BoardCall = z.output<typeof boardCallSchema>;
export type BoardContact = z.output<typeof boardContactSchema>;
export type BoardUnit = z.output<typeof boardUnitSchema>;
