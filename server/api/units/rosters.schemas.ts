import { z } from 'zod';
import { bodyId, isoDateTime } from '../openapi/common.schemas';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const clock = (allowMidnightEnd: boolean) =>
  z.string().refine((text) => HH_MM.test(text) || (allowMidnightEnd && text === '24:00'), {
    message: allowMidnightEnd
      ? 'must be a time HH:MM from 00:01 to 24:00'
      : 'must be a time HH:MM from 00:00 to 23:59',
    params: { code: 'invalid-time' },
  });

export const shiftSchema = z
  .object({
    id: z.number().int(),
    contactId: z.number().int(),
    weekday: z.number().int().min(1).max(7).describe('ISO weekday: 1 Monday … 7 Sunday'),
    start: z.string().describe('HH:MM local time'),
    end: z.string().describe('HH:MM local time; at or before start means the shift runs past midnight'),
    priority: z.number().int().describe('Lower rings first'),
  })
  .meta({ id: 'Shift' });

export const shiftInput = z
  .object({
    contactId: bodyId,
    weekday: z
      .number()
      .int()
      .min(1, 'must be 1 (Monday) to 7 (Sunday)')
      .max(7, 'must be 1 (Monday) to 7 (Sunday)'),
    start: clock(false),
    end: clock(true).refine((text) => text !== '00:00', {
      message: 'must be a time HH:MM from 00:01 to 24:00',
      params: { code: 'invalid-time' },
    }),
    priority: z.number().int().min(1).max(99).default(1),
  })
  .strict();

export const shiftsBody = z.object({ shifts: z.array(shiftInput).max(500) });

export const overrideSchema = z
  .object({
    id: z.number().int(),
    unitId: z.number().int(),
    contactId: z
      .number()
      .int()
      .nullable()
      .describe('null: nobody of this unit; calls go to the fallback unit'),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    priority: z.number().int(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'Override' });

export const overrideBody = z
  .object({
    contactId: bodyId.nullable(),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    priority: z.number().int().min(1).max(99).default(1),
    reason: z.string().trim().max(500).nullable().default(null),
  })
  .strict()
  .refine((body) => Date.parse(body.endsAt) > Date.parse(body.startsAt), {
    path: ['endsAt'],
    message: 'must be after startsAt',
    params: { code: 'ends-before-start' },
  });

export const overridesQuery = z.object({
  from: isoDateTime.optional().describe('Overrides still running at or after this instant (default: all)'),
});

export const dutyTargetSchema = z
  .object({
    contactId: z.number().int(),
    unitId: z.number().int(),
    contactName: z.string(),
    dial: z.string().describe('E.164 or an endpoint; a phone number is masked for viewers (+84***01)'),
    confirmAnswer: z.boolean(),
    isFallback: z.boolean(),
  })
  .meta({ id: 'DutyTarget' });

export const onDutyQuery = z.object({ at: isoDateTime.optional().describe('Default: now') });

export type Shift = z.output<typeof shiftSchema>;
export type ShiftInput = z.output<typeof shiftInput>;
/** A shift as a client sends it (priority defaults to 1). */
export type ShiftBody = z.input<typeof shiftInput>;
export type Override = z.output<typeof overrideSchema>;
export type OverrideInput = z.output<typeof overrideBody>;
/** An override as a client sends it (priority defaults to 1, reason to null). */
export type OverrideBody = z.input<typeof overrideBody>;
export type DutyTargetView = z.output<typeof dutyTargetSchema>;
