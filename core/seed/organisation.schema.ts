import { z } from 'zod';
import {
  confidentialCodeClash,
  DEFAULT_CONFIDENTIAL_CODE,
  DIAL_CODE_RULE,
  isDialCode,
} from '../domain/dial-codes';
import { dialTargetToString, parseDialTarget } from '../domain/dial-target';
import { UNIT_KINDS } from '../units/unit-kind';

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time HH:MM between 00:00 and 24:00');

const contactSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty'),
  role: z.string().trim().min(1).optional(),
  dial: z.string().transform((value, ctx) => {
    const parsed = parseDialTarget(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `is not a phone number or endpoint: ${parsed.reason}` });
      return z.NEVER;
    }
    return parsed.target;
  }),
  confirm_answer: z.boolean().optional(),
  active: z.boolean().default(true),
});

const dutySchema = z.object({
  /** The contact's dial target as written in this unit's `contacts`. */
  contact: z.string().min(1),
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5, 6, 7]),
  from: hhmm,
  to: hhmm,
  priority: z.number().int().min(1).max(99).default(1),
});

const unitSchema = z.object({
  code: z.string().refine(isDialCode, DIAL_CODE_RULE),
  kind: z.enum(UNIT_KINDS),
  name: z.string().trim().min(1, 'must not be empty'),
  fallback: z.string().refine(isDialCode, 'must be the code of another unit').optional(),
  active: z.boolean().default(true),
  emails: z.array(z.email('must be an e-mail address')).default([]),
  contacts: z.array(contactSchema).default([]),
  duty: z.array(dutySchema).optional(),
});

export const organisationSchema = z
  .object({
    hotline: z
      .object({ number: z.string().min(1), e164: z.string().optional(), name: z.string().min(1) })
      .optional(),
    timezone: z.string().optional(),
    admin_email: z.email('must be an e-mail address').optional(),
    /** The menu key of the confidential complaint to the chairman; null: the menu offers none. */
    confidential_code: z
      .string()
      .refine(isDialCode, DIAL_CODE_RULE)
      .nullable()
      .default(DEFAULT_CONFIDENTIAL_CODE),
    units: z.array(unitSchema).min(1, 'must list at least one unit'),
  })
  .superRefine((org, ctx) => {
    const codes = new Map<string, number>();
    org.units.forEach((unit, index) => {
      const first = codes.get(unit.code);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['units', index, 'code'],
          message: `duplicates the code of units[${first}]`,
        });
      }
      codes.set(unit.code, index);
    });
    const clash =
      org.confidential_code === null ? null : confidentialCodeClash(org.confidential_code, org.units);
    if (clash) ctx.addIssue({ code: 'custom', path: ['confidential_code'], message: clash });
    org.units.forEach((unit, index) => {
      if (unit.fallback === unit.code) {
        ctx.addIssue({
          code: 'custom',
          path: ['units', index, 'fallback'],
          message: 'must not be the unit itself',
        });
      } else if (unit.fallback !== undefined && !codes.has(unit.fallback)) {
        ctx.addIssue({
          code: 'custom',
          path: ['units', index, 'fallback'],
          message: `names unit "${unit.fallback}", which the file does not define`,
        });
      }
      const dials = new Set<string>();
      unit.contacts.forEach((contact, contactIndex) => {
        const dial = dialTargetToString(contact.dial);
        if (dials.has(dial)) {
          ctx.addIssue({
            code: 'custom',
            path: ['units', index, 'contacts', contactIndex, 'dial'],
            message: `${dial} is listed twice in this unit`,
          });
        }
        dials.add(dial);
      });
      unit.duty?.forEach((shift, shiftIndex) => {
        const parsed = parseDialTarget(shift.contact);
        if (!parsed.ok || !dials.has(dialTargetToString(parsed.target))) {
          ctx.addIssue({
            code: 'custom',
            path: ['units', index, 'duty', shiftIndex, 'contact'],
            message: `"${shift.contact}" is not the dial target of one of this unit's contacts`,
          });
        }
      });
    });
  });

export type Organisation = z.infer<typeof organisationSchema>;
export type OrganisationUnit = Organisation['units'][number];

/** Renders zod's issue path the way a person reads a JSON file: units[3].contacts[0].dial */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}
