import { z } from 'zod';
import { ROLES } from '../core/users/roles';

/** The flags create-admin and users share, each refusal naming its flag. */
export const usernameFlag = z
  .string({ message: '--username is required' })
  .regex(/^[A-Za-z0-9._-]{3,64}$/, '--username must be 3-64 letters, digits, dot, dash or underscore');
export const roleFlag = z.enum(ROLES, { message: `--role must be one of ${ROLES.join(', ')}` });
export const unitFlag = z.array(z.string().regex(/^\d{1,6}$/, '--unit must be a unit code (digits)'));

/** The parseArgs options of those flags. */
export const USER_FLAG_OPTIONS = {
  username: { type: 'string' },
  role: { type: 'string' },
  unit: { type: 'string', multiple: true },
  'password-stdin': { type: 'boolean' },
} as const;
