import type { Response } from 'express';

/**
 * Runs a writer that streams into `res`. A failure before anything was sent is an ordinary error
 * (rendered as JSON); after the headers went out the only honest signal left is a cut connection,
 * so the client sees an incomplete download instead of a file that looks whole.
 */
export async function streamOut(res: Response, write: () => Promise<void>): Promise<void> {
  await write().catch((error: unknown) => {
    if (!res.headersSent) throw error;
    const closedByClient = (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE';
    if (!closedByClient) res.locals.log.error('streamed response failed midway', { error });
    res.destroy(error as Error);
  });
}
