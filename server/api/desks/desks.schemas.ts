import { z } from 'zod';

export const deskSchema = z
  .object({
    id: z.number().int(),
    unitId: z.number().int(),
    name: z.string().describe('As the desk is signed at the one-stop office: "Quầy 1 — Tư pháp"'),
    active: z.boolean().describe('An inactive desk takes no ratings; its past ratings keep it'),
  })
  .meta({ id: 'Desk' });

export const deskListResponse = z.array(deskSchema);

const deskFields = {
  name: z.string().trim().min(1, 'is required').max(200),
  active: z.boolean(),
};

export const deskCreateBody = z.object({ ...deskFields, active: deskFields.active.default(true) }).strict();

export const deskPatchBody = z
  .object(deskFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, {
    message: 'must change at least one field',
    params: { code: 'nothing-to-change' },
  });

export type Desk = z.output<typeof deskSchema>;
export type DeskCreate = z.output<typeof deskCreateBody>;
export type DeskPatch = z.output<typeof deskPatchBody>;

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-12')
  .describe('A month, YYYY-MM, in the service time zone');

export const deskRatingsQuery = z.object({ month }).strict();

export const visitorsBody = z.object({ month, visitors: z.number().int().min(0).max(1_000_000) }).strict();

const ratingSummarySchema = z.object({
  verySatisfied: z.number().int(),
  satisfied: z.number().int(),
  notSatisfied: z.number().int(),
  total: z.number().int(),
  visitors: z
    .number()
    .int()
    .nullable()
    .describe('As the desk recorded them for the month; null if not recorded'),
  ratedShare: z.number().nullable().describe('Ratings over visitors (0.3 = 30 %)'),
  meetsTarget: z.boolean().nullable().describe('ratedShare >= 0.3, the Gia Lâm target'),
});

export const deskRatingsResponse = z
  .object({
    unitId: z.number().int(),
    month: z.string(),
    desks: z.array(
      ratingSummarySchema.extend({ deskId: z.number().int(), name: z.string(), active: z.boolean() }),
    ),
    unitQr: ratingSummarySchema.describe("Ratings from the unit's own QR, no desk named"),
    total: ratingSummarySchema.describe(
      "Every rating of the unit, the survey after a call included; visitors summed over the desks that recorded them, the share over those desks' ratings",
    ),
  })
  .meta({ id: 'DeskRatings' });

export type DeskRatings = z.output<typeof deskRatingsResponse>;
