/**
 * Photos a citizen attaches to web feedback (issue 13, items 4 and 8): the limits, and what the
 * first bytes of a file say it is. The client's file name and content type are never trusted.
 */

/** Photos one submission may carry. */
export const MAX_PHOTOS = 3;
/** The most one photo may weigh as sent, before re-encoding. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** The long side of a stored photo; larger ones are scaled down, smaller ones kept. */
export const PHOTO_MAX_EDGE_PX = 1600;
/**
 * Pixels a photo may have before it is decoded: a 48-megapixel phone camera passes, a small file
 * that claims a huge picture (a decompression bomb) does not.
 */
export const PHOTO_MAX_INPUT_PIXELS = 50_000_000;

/** The image formats a phone sends that are re-encoded; anything else is refused. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'heif';

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** ISO-BMFF brands of HEIF and AVIF pictures (a phone's HEIC photo, an AVIF). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'avif', 'avis']);

/** The format the file's magic bytes announce, or null for anything that is not such an image. */
export function imageFormatOf(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (HEIF_BRANDS.has(brand)) return 'heif';
  }
  return null;
}

/** A photo as stored: re-encoded JPEG, no metadata, upright. */
export interface StoredPhoto {
  bytes: Buffer;
  /** Hex SHA-256 of `bytes`. */
  sha256: string;
  width: number;
  height: number;
}

/** Why a file was not taken as a photo. */
export type PhotoRefusal = 'not-an-image' | 'too-many-pixels';
