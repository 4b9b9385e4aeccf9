import { z } from 'zod';
import { normalizeVietnamesePhone } from '../../core/domain/phone';
import type { Rating } from '../../core/tickets/web-tickets.repo';
import type { RatingFormState } from './citizen.pages';
import type { TextKey } from './citizen.text';

export const MAX_COMMENT_CHARS = 1000;

/** Text no database column can hold: NUL, or (in unicode mode, a pair is one code point) a lone surrogate. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const storable = (text: string) => !text.includes('\u0000') && !LONE_SURROGATE.test(text);

/** An optional Vietnamese phone number for the callback, kept in E.164. */
const phoneField = z
  .string()
  .trim()
  .max(40)
  .default('')
  .transform((text, ctx) => {
    if (text === '') return null;
    const parsed = normalizeVietnamesePhone(text);
    if (parsed.ok) return parsed.e164;
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  });

const ratingFormSchema = z.object({
  rating: z.enum(['1', '2', '3']).transform((value) => Number(value) as Rating),
  comment: z
    .string()
    .trim()
    .max(MAX_COMMENT_CHARS)
    .refine(storable)
    .default('')
    .transform((text) => (text === '' ? null : text.normalize('NFC'))),
  phone: phoneField,
});

const feedbackFormSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1)
    .max(MAX_COMMENT_CHARS)
    .refine(storable)
    .transform((text) => text.normalize('NFC')),
  phone: phoneField,
});

export type FeedbackForm = z.output<typeof feedbackFormSchema>;

export interface FeedbackFormState {
  text?: string;
  phone?: string;
  errors: Partial<Record<'text' | 'phone' | 'photo', TextKey>>;
  /** Photos came with the refused form: a browser cannot refill a file input, so the citizen is asked to choose them again. */
  hadPhotos?: boolean;
}

/** Reads a posted feedback form; on a problem, what to show again with each field's error. */
export function readFeedbackForm(
  body: Record<string, unknown>,
): { ok: true; form: FeedbackForm } | { ok: false; state: FeedbackFormState } {
  const parsed = feedbackFormSchema.safeParse(body);
  if (parsed.success) return { ok: true, form: parsed.data };
  const errors: FeedbackFormState['errors'] = {};
  for (const issue of parsed.error.issues) {
    if (issue.path[0] === 'phone') errors.phone = 'error.phone-invalid';
    else if (issue.path[0] === 'text') errors.text = textError(issue.code);
  }
  return {
    ok: false,
    state: {
      text: asText(body.text)?.slice(0, MAX_COMMENT_CHARS * 2),
      phone: asText(body.phone)?.slice(0, 40),
      errors,
    },
  };
}

function textError(code: string): TextKey {
  if (code === 'too_small' || code === 'invalid_type') return 'error.text-required';
  return code === 'too_big' ? 'error.comment-too-long' : 'error.text-invalid';
}

export type RatingForm = z.output<typeof ratingFormSchema>;

export type RatingFormResult = { ok: true; form: RatingForm } | { ok: false; state: RatingFormState };

const asText = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Reads a posted rating form; on a problem, what to show again with each field's error. */
export function readRatingForm(body: Record<string, unknown>): RatingFormResult {
  const parsed = ratingFormSchema.safeParse(body);
  if (parsed.success) return { ok: true, form: parsed.data };
  const errors: RatingFormState['errors'] = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'rating') errors.rating = 'error.rating-required';
    else if (field === 'comment')
      errors.comment = issue.code === 'too_big' ? 'error.comment-too-long' : 'error.text-invalid';
    else if (field === 'phone') errors.phone = 'error.phone-invalid';
  }
  return {
    ok: false,
    state: {
      rating: asText(body.rating),
      comment: asText(body.comment)?.slice(0, MAX_COMMENT_CHARS * 2),
      phone: asText(body.phone)?.slice(0, 40),
      errors,
    },
  };
}

const replySchema = z.string().trim().min(1).max(MAX_COMMENT_CHARS).refine(storable);

/** A citizen's reply on their ticket, or which problem to show beside the field. */
export function readReply(value: unknown): { ok: true; text: string } | { ok: false; error: TextKey } {
  const parsed = replySchema.safeParse(value ?? '');
  if (parsed.success) return { ok: true, text: parsed.data.normalize('NFC') };
  const error = textError(parsed.error.issues[0]?.code ?? 'custom');
  return { ok: false, error: error === 'error.text-required' ? 'error.reply-required' : error };
}

/** The hidden field only robots fill in. */
export function filledHoneypot(body: Record<string, unknown>): boolean {
  const value = body.website;
  return value !== undefined && value !== '';
}
