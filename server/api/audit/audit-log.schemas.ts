import { z } from 'zod';
import { decimalInteger, isoDateTime } from '../openapi/common.schemas';

export const auditLogQuery = z
  .object({
    actor: z.string().trim().min(1).max(64).optional().describe('User name of who acted'),
    action: z
      .string()
      .trim()
      .regex(/^[a-z][a-z.-]{1,39}$/, 'must be an action such as ticket.view-caller')
      .optional()
      .describe('One action, or all of a kind when it ends with a dot (ticket.)'),
    ticket: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .optional()
      .describe('A ticket code: what was done to or seen of it'),
    from: isoDateTime.optional().describe('From this instant'),
    to: isoDateTime.optional().describe('Before this instant'),
    cursor: decimalInteger(Number.MAX_SAFE_INTEGER).optional().describe('nextCursor of the previous page'),
    limit: decimalInteger(200).pipe(z.number().min(1, 'must be at least 1')).default(50),
  })
  .strict();

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z
      .object({ id: z.number().int(), username: z.string(), displayName: z.string().nullable() })
      .nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    ticketCode: z.string().nullable().describe('The code of the ticket the entry is about, if any'),
    details: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next, older page; null at the end'),
});

export type AuditLogQuery = z.output<typeof auditLogQuery>;
export type AuditEntryView = z.output<typeof auditEntrySchema>;
export type AuditPage = z.output<typeof auditPageSchema>;
