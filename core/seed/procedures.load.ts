import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { type NewProcedure, PROCEDURE_CODE_PATTERN } from '../procedures/procedure';
import sample from './procedures.json';

const line = z.string().trim().min(1, 'must not be empty');

const procedureSchema = z
  .object({
    code: z.string().regex(PROCEDURE_CODE_PATTERN, 'must be lower-case letters, digits, "." or "-"'),
    name: line,
    documents: z.array(line),
    fees: line,
    processingTime: line,
    legalBasis: z.array(line).min(1, 'must name at least one instrument'),
    portalUrl: z
      .url({ protocol: /^https$/ })
      .nullable()
      .default(null),
    notes: line.nullable().default(null),
  })
  .strict();

/** A catalogue file: what it is (a sample to be checked), and procedures every ward handles. */
const catalogueSchema = z.object({
  about: z.string(),
  procedures: z
    .array(procedureSchema)
    .refine((list) => new Set(list.map((p) => p.code)).size === list.length, {
      message: 'codes must be unique',
    }),
});

export const SAMPLE_PROCEDURES_NAME = 'procedures.json (sample)';

export function parseProcedures(source: string, data: unknown): NewProcedure[] {
  const parsed = catalogueSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(file)'}: ${issue.message}`,
    );
    throw new Error(`${source} is not a valid procedures file:\n${problems.join('\n')}`);
  }
  return parsed.data.procedures.map((procedure) => ({ ...procedure, unitId: null }));
}

export async function readProceduresFile(filePath: string): Promise<NewProcedure[]> {
  return parseProcedures(filePath, JSON.parse(await readFile(filePath, 'utf8')));
}

/** The sample catalogue of common commune and ward procedures, handled by every ward. */
export function sampleProcedures(): NewProcedure[] {
  return parseProcedures(SAMPLE_PROCEDURES_NAME, sample);
}
