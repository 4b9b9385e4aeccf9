import { z } from 'zod';
import { PROCEDURE_CODE_PATTERN } from '../../../core/procedures/procedure';
import { isoDateTime } from '../openapi/common.schemas';

export const procedureSchema = z
  .object({
    id: z.number().int(),
    code: z.string().describe('Its address on the citizen site: /p/tt/CODE'),
    name: z.string(),
    documents: z.array(z.string()).describe('The documents to bring, in order'),
    fees: z.string(),
    processingTime: z.string(),
    legalBasis: z.array(z.string()).describe('The legal instruments it rests on'),
    unitId: z.number().int().nullable().describe('The unit that handles it; null when every ward does'),
    portalUrl: z.string().nullable().describe('Its page on the national public service portal'),
    notes: z.string().nullable(),
    active: z.boolean(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Procedure' });

export const procedureListResponse = z.array(procedureSchema);

const line = (max: number) => z.string().trim().min(1, 'is required').max(max);

const code = z
  .string()
  .trim()
  .min(1, 'is required')
  .refine((value) => PROCEDURE_CODE_PATTERN.test(value), {
    message: 'must be 1 to 40 lower-case letters, digits, "." or "-", starting with a letter or digit',
    params: { code: 'invalid-procedure-code' },
  });

const httpsUrl = z
  .string()
  .trim()
  .max(500)
  .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', {
    message: 'must be an https:// address',
    params: { code: 'invalid-portal-url' },
  });

const fields = {
  code,
  name: line(300),
  documents: z.array(line(500)).max(50),
  fees: line(1000),
  processingTime: line(1000),
  legalBasis: z.array(line(500)).min(1).max(30),
  unitId: z.number().int().positive().nullable(),
  portalUrl: httpsUrl.nullable(),
  notes: line(2000).nullable(),
};

export const procedureCreateBody = z
  .object({
    ...fields,
    unitId: fields.unitId.default(null),
    portalUrl: fields.portalUrl.default(null),
    notes: fields.notes.default(null),
  })
  .strict();

export const procedurePatchBody = z
  .object({
    ...fields,
    active: z.boolean().describe('An inactive procedure has no page; its tickets keep it'),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, {
    message: 'must change at least one field',
    params: { code: 'nothing-to-change' },
  });

export const procedureListQuery = z
  .object({
    active: z.enum(['true', 'false']).optional().describe('Only active or only inactive procedures'),
  })
  .strict();

export type ProcedureView = z.output<typeof procedureSchema>;
export type ProcedureCreate = z.output<typeof procedureCreateBody>;
export type ProcedurePatch = z.output<typeof procedurePatchBody>;
