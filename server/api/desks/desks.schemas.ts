import { z } from 'zod';

export const deskSchema = z
  .object({
    id: z.number().int(),
    unitId: z.number().int(),
    name: z.string().describe('As the desk is signed at the one-stop office: "Quầy 1 — Tư pháp"'),
    active: z.boolean().describe('An inactive desk takes no ratings; its past ratings keep it'),
  })
  .meta({ id: 'Desk' });

export const deskListResponse = z.array(deskSchema);

const deskFields = {
  name: z.string().trim().min(1, 'is required').max(200),
  active: z.boolean(),
};

export const deskCreateBody = z.object({ ...deskFields, active: deskFields.active.default(true) }).strict();

export const deskPatchBody = z
  .object(deskFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, {
    message: 'must change at least one field',
    params: { code: 'nothing-to-change' },
  });

export type Desk = z.output<typeof deskSchema>;
export type DeskCreate = z.output<typeof deskCreateBody>;
export type DeskPatch = z.output<typeof deskPatchBody>;
