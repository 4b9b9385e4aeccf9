import { z } from 'zod';
import { dialTargetToString, parseDialTarget } from '../../../core/domain/dial-target';
import { normalizeVietnamesePhone } from '../../../core/domain/phone';
import { UNIT_KINDS } from '../../../core/units/unit-kind';
import { unitRefSchema } from '../auth/auth.schemas';

const unitCode = z
  .string()
  .trim()
  .regex(/^\d{1,6}$/, 'must be 1 to 6 digits (the keys a caller presses)');

/** Accepts any layout parseDialTarget reads and keeps its canonical form (E.164 or TECH/resource). */
export const dialTarget = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const parsed = parseDialTarget(text);
    if (parsed.ok) return dialTargetToString(parsed.target);
    ctx.addIssue({ code: 'custom', message: parsed.reason, params: { code: 'invalid-dial' } });
    return z.NEVER;
  })
  .describe('A phone number (0912 345 678, +84912345678) or an Asterisk endpoint (PJSIP/ward1)');

export const contactSchema = z
  .object({
    id: z.number().int(),
    unitId: z.number().int(),
    name: z.string(),
    role: z.string().nullable(),
    dial: z.string().describe('E.164 or an endpoint; a phone number is masked for viewers (+84***01)'),
    confirmAnswer: z.boolean(),
    active: z.boolean(),
  })
  .meta({ id: 'Contact' });

export const unitSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(UNIT_KINDS),
    active: z.boolean(),
    fallback: unitRefSchema.nullable(),
    notifyEmails: z.array(z.string()),
    directNumber: z
      .string()
      .nullable()
      .describe("The unit's own number (a ward's DID) in E.164; posters dial it"),
    contacts: z.array(contactSchema),
  })
  .meta({ id: 'Unit' });

export const unitListResponse = z.array(unitSchema);

const unitFields = {
  code: unitCode,
  name: z.string().trim().min(1, 'is required').max(200),
  kind: z.enum(UNIT_KINDS),
  active: z.boolean(),
  fallbackCode: unitCode.nullable().describe('Code of the unit that takes calls nobody here answers'),
  notifyEmails: z.array(z.email('must be an e-mail address')).max(20),
};

export const unitCreateBody = z.object({
  ...unitFields,
  active: unitFields.active.default(true),
  fallbackCode: unitFields.fallbackCode.default(null),
  notifyEmails: unitFields.notifyEmails.default([]),
});

const atLeastOne = (body: object) => Object.keys(body).length > 0;

export const unitPatchBody = z
  .object(unitFields)
  .partial()
  .strict()
  .refine(atLeastOne, { message: 'must change at least one field', params: { code: 'nothing-to-change' } });

const contactFields = {
  name: z.string().trim().min(1, 'is required').max(200),
  role: z.string().trim().max(200).nullable(),
  dial: dialTarget,
  confirmAnswer: z.boolean(),
  active: z.boolean(),
};

export const contactCreateBody = z.object({
  ...contactFields,
  role: contactFields.role.default(null),
  confirmAnswer: contactFields.confirmAnswer.default(true),
  active: contactFields.active.default(true),
});

export const contactPatchBody = z
  .object(contactFields)
  .partial()
  .strict()
  .refine(atLeastOne, { message: 'must change at least one field', params: { code: 'nothing-to-change' } });

/** A Vietnamese phone number written any common way, kept in E.164. */
export const vietnamesePhone = z
  .string()
  .trim()
  .max(40)
  .transform((text, ctx) => {
    const parsed = normalizeVietnamesePhone(text);
    if (parsed.ok) return parsed.e164;
    ctx.addIssue({ code: 'custom', message: parsed.reason, params: { code: 'invalid-phone' } });
    return z.NEVER;
  });

export const directNumberBody = z
  .object({
    directNumber: vietnamesePhone
      .nullable()
      .describe('0243 123 4567 or +842431234567; null: the poster dials the hotline'),
  })
  .strict();

export type Unit = z.output<typeof unitSchema>;
export type Contact = z.output<typeof contactSchema>;
export type UnitCreate = z.output<typeof unitCreateBody>;
export type UnitPatch = z.output<typeof unitPatchBody>;
export type ContactCreate = z.output<typeof contactCreateBody>;
export type ContactPatch = z.output<typeof contactPatchBody>;
/** What a client sends (before defaults). */
export type UnitInput = z.input<typeof unitCreateBody>;
export type ContactInput = z.input<typeof contactCreateBody>;
