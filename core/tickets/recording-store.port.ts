import type { Readable } from 'node:stream';

/** A stored recording's audio: the whole file, or the byte range asked for. */
export interface RecordingAudio {
  /** 200, or 206 for a range. */
  status: number;
  /** What a player needs to seek and size its buffer: content-type, -length, -range, accept-ranges. */
  headers: Record<string, string>;
  body: Readable;
}

export type DeleteResult = 'deleted' | 'already-gone';

/**
 * Where the calls' recordings and voicemails are kept, by the name a ticket stores. Asterisk keeps
 * them; `ivr/ari/ari-stored-recordings.ts` is the one implementation, and the composition root
 * (server/telephony.ts) hands it to the API and the retention job.
 */
export interface RecordingStore {
  /** A NotFoundError when there is none of that name, an UpstreamError when the store cannot answer. */
  open(name: string, range: string | undefined): Promise<RecordingAudio>;
  /** 'already-gone' when someone, or an earlier run, deleted it. */
  delete(name: string): Promise<DeleteResult>;
}
