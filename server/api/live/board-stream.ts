import type { Response } from 'express';
import type { BoardSnapshot } from '../../live/live-board';
import type { CurrentSession } from '../auth/session-user';
import { boardFor } from './live.view';

/** The request's session as it is now (undefined once it has ended), read again for every push. */
export type SessionLookup = () => Promise<CurrentSession | undefined>;

/**
 * One open live-board stream. Every push looks the session up again (from the session cache,
 * which sign-outs, password changes and notices from other instances empty), so the board is
 * scoped to the user's current units and the stream ends with the session. Pushes are written
 * one at a time, latest snapshot winning, so a slow lookup never reorders them.
 */
export class BoardStream {
  private pending: BoardSnapshot | 'ping' | undefined;
  private isWriting = false;
  private hasEnded = false;

  constructor(
    readonly sessionId: string,
    readonly userId: number,
    private readonly res: Response,
    private readonly currentSession: SessionLookup,
    private readonly onEnd: () => void,
  ) {}

  push(snapshot: BoardSnapshot): void {
    this.pending = snapshot;
    void this.drain();
  }

  /** A comment line for proxies that close idle streams, sent only while the session lives. */
  ping(): void {
    this.pending ??= 'ping';
    void this.drain();
  }

  end(): void {
    if (this.hasEnded) return;
    this.hasEnded = true;
    this.pending = undefined;
    this.res.end();
    this.onEnd();
  }

  private async drain(): Promise<void> {
    if (this.isWriting) return;
    this.isWriting = true;
    try {
      while (this.pending !== undefined && !this.hasEnded) {
        const next = this.pending;
        this.pending = undefined;
        const session = await this.currentSession();
        if (!session || this.hasEnded) {
          this.end();
          return;
        }
        this.res.write(
          next === 'ping'
            ? ': ping\n\n'
            : `event: board\ndata: ${JSON.stringify(boardFor(session.user, next))}\n\n`,
        );
      }
    } catch {
      // The session could not be looked up (database unreachable): a stream that cannot be checked
      // ends; the browser's EventSource reconnects, and is let in only once its session checks out.
      this.end();
    } finally {
      this.isWriting = false;
    }
  }
}
