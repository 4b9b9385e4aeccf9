import { z } from 'zod';

export const open311KeySchema = z
  .object({
    id: z.number().int(),
    name: z.string().describe('Who the key was issued to (the client or aggregator)'),
    createdBy: z.string().nullable().describe('Display name of the admin who issued it'),
    createdAt: z.string().describe('ISO 8601'),
    revokedAt: z.string().nullable().describe('ISO 8601; a revoked key is refused with 403'),
    lastUsedAt: z.string().nullable().describe('ISO 8601: the last service request posted with it'),
  })
  .meta({ id: 'Open311Key' });

export const open311KeyListResponse = z.array(open311KeySchema);

export const open311KeyCreated = open311KeySchema
  .extend({ key: z.string().describe('The key itself: shown this once, only its hash is kept') })
  .meta({ id: 'Open311KeyCreated' });

export const open311KeyCreateBody = z.object({ name: z.string().trim().min(1, 'is required').max(100) });

export type Open311Key = z.output<typeof open311KeySchema>;
export type Open311KeyCreated = z.output<typeof open311KeyCreated>;
