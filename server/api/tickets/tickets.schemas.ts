import { z } from 'zod';
import { CALL_OUTCOMES } from '../../../core/tickets/call-ticket';
import { TICKET_CHANNELS } from '../../../core/tickets/ticket-channel';
import { TICKET_SORT_NAMES } from '../../../core/tickets/ticket-sort';
import { TICKET_STATUSES } from '../../../core/tickets/ticket-status';
import { unitRefSchema } from '../auth/auth.schemas';
import { bigIdParams, bodyId, decimalInteger, isoDateTime } from '../openapi/common.schemas';

/** 'a,b' or a repeated parameter (?x=a&x=b), as a list. */
const commaList = <T extends z.ZodType<unknown, string>>(item: T) =>
  z.preprocess(
    (value) => (Array.isArray(value) ? value.join(',') : value),
    z
      .string()
      .transform((text) =>
        text
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== ''),
      )
      .pipe(z.array(item).min(1, 'must name at least one value')),
  );

const booleanText = z
  .enum(['true', 'false'], { message: 'must be true or false' })
  .transform((v) => v === 'true');

export const ticketFilterQuery = z.object({
  unit: commaList(z.string().regex(/^\d{1,6}$/, 'must be unit codes (digits), comma-separated')).optional(),
  from: isoDateTime.optional().describe('Received at or after (inclusive)'),
  to: isoDateTime.optional().describe('Received before (exclusive)'),
  outcome: commaList(z.enum(CALL_OUTCOMES)).optional(),
  status: commaList(z.enum(TICKET_STATUSES)).optional(),
  rating: commaList(z.enum(['1', '2', '3']).transform(Number)).optional(),
  needsCallback: booleanText.optional(),
  channel: commaList(z.enum(TICKET_CHANNELS))
    .optional()
    .describe('Where tickets came from: phone, web-feedback, web-rating, open311'),
  desk: z
    .string()
    .regex(/^(none|\d{1,9})$/, 'must be a desk id or none')
    .transform((v) => (v === 'none' ? ('none' as const) : Number(v)))
    .optional()
    .describe("A desk's id: the ratings from its QR; none: tickets of no desk (calls, a unit's own QR)"),
  spam: booleanText
    .optional()
    .describe('true: the spam queue (marked by Home Affairs); false: leaves them out'),
  overdue: booleanText.optional().describe('true: open (new or in progress) and past the due time now'),
  unassigned: booleanText.optional().describe('true: calls that reached no unit (no key, invalid key)'),
  leaderOnly: booleanText
    .optional()
    .describe(
      'true: only confidential complaints to the chairman; false: leaves them out (they exist only for admins and the permission holders)',
    ),
  q: z
    .string()
    .trim()
    .min(2, 'must have at least 2 characters')
    .max(100)
    .optional()
    .describe('Free text over code, caller number and summary'),
  sort: z
    .enum(TICKET_SORT_NAMES)
    .optional()
    .describe(
      'Order of the list: received_at (time), wait, unit (its name) or status (new, in_progress, resolved, closed), ascending, or descending with a leading "-"; ties by id the same way. Default -received_at (newest first). A ticket without a wait or a unit sorts below every other: last when descending, first when ascending',
    ),
  order: z
    .enum(['desc', 'asc'])
    .optional()
    .describe('Older spelling of sort=-received_at / sort=received_at; not with sort (400 sort-with-order)'),
});

export const ticketListQuery = ticketFilterQuery.extend({
  limit: decimalInteger(200).pipe(z.number().min(1, 'must be at least 1')).default(50),
  cursor: z
    .string()
    .max(600)
    .optional()
    .describe('nextCursor of the previous page, with the same sort (400 cursor-other-sort otherwise)'),
});

export type TicketFilterQuery = z.output<typeof ticketFilterQuery>;
export type TicketListQuery = z.output<typeof ticketListQuery>;

export const ticketSummarySchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    channel: z
      .enum(TICKET_CHANNELS)
      .describe('phone: a call; web-feedback, web-rating: the citizen site; open311: an Open311 client'),
    receivedAt: isoDateTime,
    unit: unitRefSchema.nullable(),
    callerNumber: z
      .string()
      .nullable()
      .describe(
        'In full for admins, and for ward officials unless confidential; otherwise masked (+84***78)',
      ),
    callerMasked: z.boolean(),
    outcome: z.enum(CALL_OUTCOMES).nullable(),
    abandonedStage: z.string().nullable(),
    waitSeconds: z.number().int().nullable(),
    talkSeconds: z.number().int().nullable(),
    answeredByName: z.string().nullable(),
    rating: z.literal([1, 2, 3]).nullable(),
    status: z.enum(TICKET_STATUSES),
    needsCallback: z.boolean(),
    dueAt: isoDateTime.nullable(),
    category: z.string().nullable().describe('null when none, or when the user may not read the text'),
    summary: z.string().nullable().describe('what the call was about; null as category'),
    confidential: z.boolean(),
    leaderOnly: z
      .boolean()
      .describe(
        'A confidential complaint to the chairman: only admins and users.reads_complaints see it; the sender masked unless the latter',
      ),
    spam: z.boolean(),
  })
  .meta({ id: 'TicketSummary' });

export const ticketListResponse = z
  .object({ items: z.array(ticketSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'TicketPage' });

export const ticketEventSchema = z
  .object({
    id: z.number().int(),
    at: isoDateTime,
    kind: z.string(),
    data: z.record(z.string(), z.unknown()),
    actor: z.object({ id: z.number().int(), username: z.string() }).nullable(),
  })
  .meta({ id: 'TicketEvent' });

const mediaRef = z
  .object({
    name: z.string(),
    url: z.string().nullable().describe('null once deleted'),
    expiredAt: isoDateTime
      .nullable()
      .describe('when the retention job deleted the file; null while it is kept'),
  })
  .nullable()
  .describe('null: the call has none');

const photoRef = z
  .object({
    n: z.number().int().describe('1, 2 or 3: the order the citizen chose them in'),
    url: z.string().nullable().describe('The JPEG (audited when fetched); null once deleted'),
    width: z.number().int(),
    height: z.number().int(),
    expiredAt: isoDateTime
      .nullable()
      .describe('when the retention job deleted the photo; null while it is kept'),
  })
  .meta({ id: 'TicketPhoto' });

export const ticketPhotoParams = bigIdParams.extend({
  n: z.enum(['1', '2', '3'], { message: 'must be 1, 2 or 3' }).transform(Number),
});

export const ticketSchema = ticketSummarySchema
  .extend({
    answeredAt: isoDateTime.nullable(),
    endedAt: isoDateTime.nullable(),
    endedBy: z.string().nullable(),
    dialedCode: z.string().nullable(),
    publicAnswer: z
      .string()
      .nullable()
      .describe(
        'The answer for the citizen, shown on the citizen site with the code and secret; never the summary',
      ),
    procedure: z
      .object({ id: z.number().int(), code: z.string(), name: z.string() })
      .nullable()
      .describe('The procedure a feedback from its citizen page is about; null otherwise, or as category'),
    recording: mediaRef,
    voicemail: mediaRef,
    photos: z
      .array(photoRef)
      .describe('Photos sent with web feedback, re-encoded JPEG; empty when none or the text is not shown'),
    events: z.array(ticketEventSchema),
  })
  .meta({ id: 'Ticket' });

export const ticketPatchBody = z
  .object({
    category: z.string().trim().max(100).nullable().optional(),
    summary: z.string().trim().max(10_000).nullable().optional(),
    publicAnswer: z.string().trim().max(5000).nullable().optional(),
    status: z.enum(TICKET_STATUSES).optional(),
    statusReason: z.string().trim().min(1).max(1000).optional(),
    dueAt: isoDateTime.nullable().optional(),
    confidential: z
      .boolean()
      .optional()
      .describe('Only admins (Home Affairs) may change it; anyone else gets 403 confidential-admin-only'),
  })
  .strict()
  .refine((body) => Object.keys(body).some((key) => key !== 'statusReason'), {
    message: 'must change at least one of category, summary, publicAnswer, status, dueAt, confidential',
    params: { code: 'nothing-to-change' },
  });

export type TicketPatch = z.output<typeof ticketPatchBody>;
/** What a client sends. */
export type TicketPatchInput = z.input<typeof ticketPatchBody>;

export const spamBody = z
  .object({ spam: z.boolean().describe('true marks the ticket as spam, false clears it') })
  .strict();

export const transferBody = z.object({
  unitId: bodyId.describe('The active unit that takes the ticket over'),
  reason: z.string().trim().max(500).optional().describe('Why it goes there, for the timeline'),
});

export const transferredSchema = z.object({
  ticketId: z.number().int(),
  unit: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  stillVisible: z.boolean().describe('Whether you may still open the ticket (a ward official may not)'),
});

export type TransferInput = z.input<typeof transferBody>;
export type Transferred = z.output<typeof transferredSchema>;

export const noteBody = z.object({ text: z.string().trim().min(1, 'is required').max(5000) });

export type TicketSummary = z.output<typeof ticketSummarySchema>;
export type Ticket = z.output<typeof ticketSchema>;
export type TicketEvent = z.output<typeof ticketEventSchema>;
export type TicketPage = z.output<typeof ticketListResponse>;
