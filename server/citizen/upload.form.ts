import busboy from 'busboy';
import type { Request } from 'express';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '../../core/tickets/ticket-photo';

/** The file field of the feedback form; any other file part is read past and dropped. */
export const PHOTO_FIELD = 'photo';
/** One text field's cap as sent (the text itself is 1000 characters at most). */
export const MAX_FIELD_BYTES = 16 * 1024;

export type UploadProblem = 'photo-too-large' | 'too-many-photos';

export interface UploadedForm {
  fields: Record<string, string>;
  /** The photos chosen, complete and in order; empty file inputs are left out. */
  photos: Buffer[];
  /** A photo over MAX_PHOTO_BYTES or one past MAX_PHOTOS: it was read past, never kept. */
  problem: UploadProblem | null;
}

/** A body busboy cannot read (no or another content type, a broken multipart stream): the site's "bad form". */
class UnreadableFormError extends Error {
  readonly status = 400;
}

/**
 * Reads a citizen form, multipart (with photos) or url-encoded, as it streams in: no part is
 * held past its cap, so an oversize photo costs the bandwidth it takes, not memory. The text
 * fields come before the file inputs in the form, so they are read even when a photo is refused.
 */
export function readUploadForm(req: Request): Promise<UploadedForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defCharset: 'utf8',
        defParamCharset: 'utf8',
        limits: {
          fieldSize: MAX_FIELD_BYTES,
          fields: 20,
          fileSize: MAX_PHOTO_BYTES,
          files: MAX_PHOTOS,
          parts: 20 + MAX_PHOTOS,
        },
      });
    } catch (error) {
      reject(new UnreadableFormError(`unreadable form: ${(error as Error).message}`));
      return;
    }
    const form: UploadedForm = { fields: {}, photos: [], problem: null };
    parser.on('field', (name, value) => {
      form.fields[name] = value;
    });
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      let tooLarge = false;
      stream.on('limit', () => {
        tooLarge = true;
        chunks.length = 0;
      });
      stream.on('data', (chunk: Buffer) => {
        if (name === PHOTO_FIELD && !tooLarge) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (tooLarge) form.problem = 'photo-too-large';
        else if (name === PHOTO_FIELD && chunks.length > 0) form.photos.push(Buffer.concat(chunks));
      });
    });
    parser.on('filesLimit', () => {
      form.problem ??= 'too-many-photos';
    });
    parser.on('error', (error) => {
      req.unpipe(parser);
      req.resume();
      reject(new UnreadableFormError(`unreadable form: ${(error as Error).message}`));
    });
    parser.on('close', () => resolve(form));
    req.pipe(parser);
  });
}
