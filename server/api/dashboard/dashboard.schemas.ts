import { z } from 'zod';
import { isoDateTime } from '../openapi/common.schemas';

const localDay = z.string().regex(/^(20\d\d|2100)-\d{2}-\d{2}$/, 'must be a day such as 2026-11-16');

/** The longest range the dashboard sums up at once, in days. */
export const MAX_RANGE_DAYS = 366;

export const dashboardQuery = z
  .object({
    week: z
      .string()
      .regex(/^(20\d\d|2100)-W\d{2}$/, 'must be an ISO week such as 2026-W47, of the years 2000 to 2100')
      .optional()
      .describe('ISO week in the organisation time zone; default: the current week'),
    month: z
      .string()
      .regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-11, of the years 2000 to 2100')
      .optional()
      .describe('A calendar month instead of a week'),
    from: localDay.optional().describe('First local day of a range (with to), instead of a week'),
    to: localDay
      .optional()
      .describe(`Last local day of the range, inclusive; at most ${MAX_RANGE_DAYS} days`),
  })
  .superRefine((query, ctx) => {
    const chosen = [query.week, query.month, query.from ?? query.to].filter((v) => v !== undefined);
    if (chosen.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['week'],
        message: 'give one of week, month, or from and to',
        params: { code: 'invalid' },
      });
    }
    for (const [missing, given] of [
      ['to', query.from],
      ['from', query.to],
    ] as const) {
      if (given !== undefined && query[missing] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [missing],
          message: 'is required with the other end of the range',
          params: { code: 'required' },
        });
      }
    }
  });

export type DashboardQuery = z.output<typeof dashboardQuery>;

const count = z.number().int();
const dayCount = count.nullable().describe('null for a day that has not begun yet');
const seconds = z.number().nullable().describe('null when no call was answered');

const shareOrNull = z.number().nullable();
const ratingFigures = z.object({
  verySatisfied: count,
  satisfied: count,
  notSatisfied: count,
  total: count,
  satisfiedShare: shareOrNull.describe('(very satisfied + satisfied) / total; null when nobody rated'),
  visitors: count
    .nullable()
    .describe("Visitors the desks recorded for the period's months; null: no visitor count recorded"),
  ratedShare: shareOrNull.describe('Ratings at desks that recorded visitors over those visitors'),
  meetsTarget: z.boolean().nullable().describe('ratedShare >= target; null without a visitor count'),
});

const ratingsByUnitSchema = z.object({
  target: z.number().describe('The share of visitors who should rate: 0.3'),
  visitorMonths: z
    .array(z.string())
    .nullable()
    .describe('The months whose visitor counts apply; null: the period is not whole months (a week)'),
  units: z.array(
    z.object({
      unitId: count,
      code: z.string(),
      name: z.string(),
      bySource: z
        .object({ phone: ratingFigures, 'unit-qr': ratingFigures, 'desk-qr': ratingFigures })
        .describe("phone: the survey after a call; unit-qr: the unit's own QR; desk-qr: its desks' QR codes"),
      desks: z.array(ratingFigures.extend({ deskId: count, name: z.string(), active: z.boolean() })),
      total: ratingFigures,
    }),
  ),
});

export const dashboardSchema = z
  .object({
    period: z.object({
      kind: z.enum(['week', 'month', 'range']),
      label: z.string().describe("'2026-W47', '2026-11' or '2026-11-01..2026-11-15'"),
      firstDay: z.string().describe('first local day, YYYY-MM-DD'),
      lastDay: z.string().describe('last local day, inclusive'),
    }),
    from: isoDateTime.describe('first day 00:00 local, inclusive'),
    to: isoDateTime.describe('the day after the last, 00:00 local, exclusive'),
    asOf: isoDateTime.describe('the instant openTickets and overdueTickets are counted at'),
    callsPerDay: z.array(
      z.object({ date: z.string(), total: dayCount, answered: dayCount, missed: dayCount }),
    ),
    units: z.array(
      z.object({
        id: count.nullable().describe('null: the calls that reached no unit (no key, invalid key)'),
        code: z.string().nullable(),
        name: z.string().nullable(),
        calls: count,
        answered: count,
        missed: count,
        voicemail: count,
        abandoned: count,
        medianAnswerSeconds: seconds,
      }),
    ),
    medianAnswerSeconds: seconds,
    openTickets: count.describe('new or in progress now, whenever received: not bound to the period'),
    overdueTickets: count.describe('open and past their due time now'),
    ratings: z.object({ 1: count, 2: count, 3: count }),
    ratingsByUnit: ratingsByUnitSchema.describe(
      'Ratings per unit and desk from every channel that rates (spam left out), and the share of visitors who rated',
    ),
  })
  .meta({ id: 'Dashboard' });

export type Dashboard = z.output<typeof dashboardSchema>;
