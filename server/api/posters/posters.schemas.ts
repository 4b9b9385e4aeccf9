import { z } from 'zod';
import { idParams } from '../openapi/common.schemas';
import { POSTER_SIZES } from './poster.content';

export const posterQuery = z
  .object({ size: z.enum(POSTER_SIZES).default('A4').describe('Paper size of the PDF') })
  .strict();

export const qrParams = idParams.extend({
  format: z.enum(['svg', 'png']).describe('svg (vector) or png (1024 px)'),
});
