import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { UpstreamError } from '../../../core/errors';
import type { RecordingStore } from '../../../core/tickets/recording-store.port';
import { streamOut } from '../http/streaming';

/**
 * Streams a stored recording (or the Range asked for) to the browser from the recording store;
 * without one (ARI_URL not set) there is no Asterisk to ask.
 */
export async function streamRecording(
  store: RecordingStore | undefined,
  name: string,
  range: string | undefined,
  res: Response,
): Promise<void> {
  if (!store) throw new UpstreamError('ari', 'Asterisk ARI is not configured (ARI_URL is not set)');
  const audio = await store.open(name, range);
  res.status(audio.status);
  for (const [header, value] of Object.entries(audio.headers)) res.setHeader(header, value);
  if (!res.hasHeader('content-type')) res.setHeader('content-type', 'audio/wav');
  res.setHeader('cache-control', 'private, no-store');
  await streamOut(res, () => pipeline(audio.body, res));
}
