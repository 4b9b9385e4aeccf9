import { z } from 'zod';
import { ROLES } from '../../../core/users/roles';
import { userSchema } from '../auth/auth.schemas';
import { bodyId } from '../openapi/common.schemas';

/** A user as admins manage them: who they are to a session, and their account's state. */
export const accountSchema = userSchema
  .extend({
    active: z.boolean().describe('An inactive user cannot sign in and has no sessions'),
    lastLoginAt: z.string().nullable().describe('ISO 8601, null before the first sign-in'),
    failedSignIns: z
      .number()
      .int()
      .describe('Failed sign-ins counted against the user name; unlock sets it back to 0'),
  })
  .meta({ id: 'Account' });

export const accountListResponse = z.array(accountSchema);

const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{3,64}$/, 'must be 3-64 letters, digits, dot, dash or underscore');
const displayName = z.string().trim().min(1, 'is required').max(200);
const unitIds = z
  .array(bodyId)
  .max(200)
  .describe('Ids of the units a ward official sees; [] for the other roles');
const password = z.string().min(1, 'is required').max(200);

export const accountCreateBody = z.object({
  username,
  displayName,
  role: z.enum(ROLES),
  unitIds: unitIds.default([]),
  password,
});

export const accountPatchBody = z
  .object({
    displayName,
    role: z.enum(ROLES),
    unitIds,
    active: z.boolean(),
    readsComplaints: z
      .boolean()
      .describe(
        'Reads confidential complaints to the chairman with their sender (the chairman, the office clerk); never a ward_official',
      ),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });

export const passwordResetBody = z.object({
  password: password.describe('The new password; the user must choose their own at the next sign-in'),
});

export type Account = z.output<typeof accountSchema>;
export type AccountCreate = z.output<typeof accountCreateBody>;
export type AccountPatch = z.output<typeof accountPatchBody>;
/** What a client sends (before defaults). */
export type AccountInput = z.input<typeof accountCreateBody>;
export type AccountPatchInput = z.input<typeof accountPatchBody>;
