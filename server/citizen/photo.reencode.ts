import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { WorkSlots } from '../../core/async/work-slots';
import {
  imageFormatOf,
  PHOTO_MAX_EDGE_PX,
  PHOTO_MAX_INPUT_PIXELS,
  type PhotoRefusal,
  type StoredPhoto,
} from '../../core/tickets/ticket-photo';

/**
 * One photo re-encoded at a time in the process: a burst of uploads must not take every core from
 * the calls on the same machine (bench:citizen prints the photo submissions a second this allows).
 */
const reencoding = new WorkSlots(1);

export type ReencodedPhoto = { ok: true; photo: StoredPhoto } | { ok: false; refusal: PhotoRefusal };

/**
 * A photo as the site stores it: decoded (the first frame or page only), turned upright by its
 * EXIF orientation, scaled down to PHOTO_MAX_EDGE_PX on its long side, flattened on white,
 * converted to sRGB and written as a fresh JPEG, which carries no EXIF, GPS, XMP or ICC profile
 * (sharp writes none unless asked). The magic bytes decide whether it is an image at all; the
 * pixel limit is checked from the header before anything is decoded. sharp works in libuv's
 * thread pool, so the event loop only waits for the result. libjpeg-turbo's own encoder, not
 * mozjpeg's, which costs several times the CPU for a few per cent of a file already cut to
 * 1600 px (bench:citizen, 2026-12-04: 2.1 photo submissions a second with mozjpeg and no limit on
 * re-encodes at once, 6.1 with this encoder, one at a time).
 */
export function reencodePhoto(bytes: Buffer): Promise<ReencodedPhoto> {
  return reencoding.run(() => reencode(bytes));
}

async function reencode(bytes: Buffer): Promise<ReencodedPhoto> {
  const format = imageFormatOf(bytes);
  if (format === null) return { ok: false, refusal: 'not-an-image' };
  const options = { limitInputPixels: PHOTO_MAX_INPUT_PIXELS, pages: 1, failOn: 'error' } as const;
  let pixels: number;
  try {
    // The header alone, without the limit (which throws): a bomb is told apart from a broken file.
    const header = await sharp(bytes, { ...options, limitInputPixels: false }).metadata();
    if (header.format !== format) return { ok: false, refusal: 'not-an-image' };
    pixels = (header.width ?? 0) * (header.height ?? 0);
  } catch {
    return { ok: false, refusal: 'not-an-image' };
  }
  if (pixels === 0) return { ok: false, refusal: 'not-an-image' };
  if (pixels > PHOTO_MAX_INPUT_PIXELS) return { ok: false, refusal: 'too-many-pixels' };
  try {
    const { data, info } = await sharp(bytes, options)
      .rotate()
      .resize({
        width: PHOTO_MAX_EDGE_PX,
        height: PHOTO_MAX_EDGE_PX,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .jpeg({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    const sha256 = createHash('sha256').update(data).digest('hex');
    return { ok: true, photo: { bytes: data, sha256, width: info.width, height: info.height } };
  } catch {
    // A header that reads but pixels that do not (a truncated or corrupt file).
    return { ok: false, refusal: 'not-an-image' };
  }
}
