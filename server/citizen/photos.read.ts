import type { StoredPhoto } from '../../core/tickets/ticket-photo';
import type { TextKey } from './citizen.text';
import { reencodePhoto } from './photo.reencode';
import type { UploadedForm } from './upload.form';

/** The photos of an uploaded form, re-encoded for storing, or the one problem to show at the field. */
export async function photosOf(
  upload: UploadedForm,
): Promise<{ ok: true; photos: StoredPhoto[] } | { ok: false; error: TextKey }> {
  if (upload.problem !== null) return { ok: false, error: `error.${upload.problem}` };
  const photos: StoredPhoto[] = [];
  // One at a time: a submission holds at most one decoded picture in memory.
  for (const bytes of upload.photos) {
    const reencoded = await reencodePhoto(bytes);
    if (!reencoded.ok) return { ok: false, error: `error.photo-${reencoded.refusal}` };
    photos.push(reencoded.photo);
  }
  return { ok: true, photos };
}
