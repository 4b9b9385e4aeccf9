import { z } from 'zod';
import { isoDateTime } from '../openapi/common.schemas';

export const dashboardQuery = z.object({
  week: z
    .string()
    .regex(/^(20\d\d|2100)-W\d{2}$/, 'must be an ISO week such as 2026-W47, of the years 2000 to 2100')
    .optional()
    .describe('ISO week in the organisation time zone; default: the current week'),
});

const count = z.number().int();
const seconds = z.number().nullable().describe('null when no call was answered');

export const dashboardSchema = z
  .object({
    week: z.string(),
    from: isoDateTime.describe('Monday 00:00 local, inclusive'),
    to: isoDateTime.describe('next Monday 00:00 local, exclusive'),
    callsPerDay: z.array(z.object({ date: z.string(), total: count, answered: count, missed: count })),
    units: z.array(
      z.object({
        id: count,
        code: z.string(),
        name: z.string(),
        calls: count,
        answered: count,
        missed: count,
        voicemail: count,
        abandoned: count,
        medianAnswerSeconds: seconds,
      }),
    ),
    medianAnswerSeconds: seconds,
    openTickets: count.describe('new or in progress, whenever received'),
    overdueTickets: count.describe('open and past their due time'),
    ratings: z.object({ 1: count, 2: count, 3: count }),
  })
  .meta({ id: 'Dashboard' });

export type Dashboard = z.output<typeof dashboardSchema>;
