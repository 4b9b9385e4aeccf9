import { z } from 'zod';

export const categorySchema = z
  .object({ id: z.number().int(), name: z.string(), active: z.boolean() })
  .meta({ id: 'Category' });

export const categoryListResponse = z.array(categorySchema);

const name = z.string().trim().min(1, 'is required').max(100);

export const categoryCreateBody = z.object({ name });

export const categoryPatchBody = z
  .object({
    name: name.describe('A new name; tickets filed under the old one follow it'),
    active: z.boolean().describe('An inactive category is no longer offered; tickets keep it'),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });

export type Category = z.output<typeof categorySchema>;
export type CategoryPatch = z.output<typeof categoryPatchBody>;
