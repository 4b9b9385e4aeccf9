import { z } from 'zod';
import { ROLES } from '../../../core/users/roles';

export const unitRefSchema = z
  .object({ id: z.number().int(), code: z.string(), name: z.string() })
  .meta({ id: 'UnitRef' });

export const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string().nullable(),
    role: z.enum(ROLES),
    units: z.array(unitRefSchema),
    mustChangePassword: z.boolean(),
    readsComplaints: z
      .boolean()
      .describe('Reads confidential complaints to the chairman with their sender (users.reads_complaints)'),
  })
  .meta({ id: 'User' });

export const sessionResponse = z
  .object({
    user: userSchema,
    csrfToken: z.string().describe('Send it back in the X-CSRF-Token header of every state-changing request'),
  })
  .meta({ id: 'Session' });

/** Whether this browser is signed in, asked on every page load: a 200 either way, never a logged 401. */
export const sessionStateResponse = z
  .discriminatedUnion('signedIn', [
    z.object({ signedIn: z.literal(false) }),
    sessionResponse.extend({ signedIn: z.literal(true) }),
  ])
  .meta({ id: 'SessionState' });

export type UnitRef = z.output<typeof unitRefSchema>;
export type User = z.output<typeof userSchema>;
export type Session = z.output<typeof sessionResponse>;
export type SessionState = z.output<typeof sessionStateResponse>;

export const loginBody = z.object({
  username: z.string().trim().min(1, 'is required').max(100),
  password: z.string().min(1, 'is required').max(200),
});

export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1, 'is required').max(200),
  newPassword: z.string().min(1, 'is required').max(200),
});
