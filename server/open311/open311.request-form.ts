import { z } from 'zod';
import { normalizeVietnamesePhone } from '../../core/domain/phone';
import { UNIT_ATTRIBUTE } from './open311.services';
import type { Open311Error } from './open311.views';

/** The specification's own limit on a description. */
export const MAX_DESCRIPTION_CHARS = 4000;

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** Line breaks and tabs are text; other control characters (and NUL, which no column holds) are not. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** An optional argument: empty counts as not sent ("Optional Arguments" in the specification). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((text) => !CONTROL.test(text) && !LONE_SURROGATE.test(text), 'must be plain text')
    .optional()
    .transform((text) => (text === undefined || text === '' ? null : text.normalize('NFC')));

const coordinate = (limit: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d{1,3}(\.\d{1,15})?$/, 'must be a decimal number')
    .transform(Number)
    .pipe(z.number().min(-limit, `must be within ±${limit}`).max(limit, `must be within ±${limit}`))
    .optional()
    .or(z.literal('').transform(() => undefined));

const formSchema = z.object({
  service_code: z
    .string({ error: 'was not provided' })
    .trim()
    .min(1, 'was not provided')
    .max(40, 'is not a service code'),
  lat: coordinate(90),
  long: coordinate(180),
  address_string: optionalText(500),
  address_id: optionalText(100),
  description: optionalText(MAX_DESCRIPTION_CHARS),
  first_name: optionalText(100),
  last_name: optionalText(100),
  email: optionalText(254).pipe(z.email('is not an e-mail address').nullable()),
  phone: optionalText(40).transform((text, ctx) => {
    if (text === null) return null;
    const parsed = normalizeVietnamesePhone(text);
    if (parsed.ok) return parsed.e164;
    ctx.addIssue({ code: 'custom', message: 'is not a Vietnamese phone number' });
    return z.NEVER;
  }),
  media_url: optionalText(2000).pipe(
    z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).nullable(),
  ),
  [`attribute[${UNIT_ATTRIBUTE}]`]: optionalText(6),
});

export interface Open311Form {
  serviceCode: string;
  location: { lat: number; long: number } | null;
  addressString: string | null;
  addressId: string | null;
  description: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  mediaUrl: string | null;
  /** The unit code of attribute[unit], when sent. */
  unitCode: string | null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Reads a posted service request (application/x-www-form-urlencoded). On a problem, one error per
 * argument at fault, each code 400 as the specification's errors are, naming the argument.
 */
export function readOpen311Form(
  body: Record<string, unknown>,
): { ok: true; form: Open311Form } | { ok: false; errors: Open311Error[] } {
  const fields = Object.fromEntries(Object.keys(formSchema.shape).map((key) => [key, text(body[key])]));
  const parsed = formSchema.safeParse(fields);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      code: 400,
      description: `${String(issue.path[0] ?? 'request')} ${issue.message}`,
    }));
    return { ok: false, errors };
  }
  const form = parsed.data;
  const hasPoint = form.lat !== undefined && form.long !== undefined;
  if ((form.lat === undefined) !== (form.long === undefined))
    return { ok: false, errors: [{ code: 400, description: 'lat and long must be sent together' }] };
  if (!hasPoint && form.address_string === null && form.address_id === null)
    return {
      ok: false,
      errors: [
        {
          code: 400,
          description: 'a location was not provided: send lat and long, address_string or address_id',
        },
      ],
    };
  return {
    ok: true,
    form: {
      serviceCode: form.service_code,
      location: hasPoint ? { lat: form.lat as number, long: form.long as number } : null,
      addressString: form.address_string,
      addressId: form.address_id,
      description: form.description,
      firstName: form.first_name,
      lastName: form.last_name,
      email: form.email,
      phone: form.phone,
      mediaUrl: form.media_url,
      unitCode: form[`attribute[${UNIT_ATTRIBUTE}]`] ?? null,
    },
  };
}
