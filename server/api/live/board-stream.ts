import type { Response } from 'express';
import type { BoardSnapshot } from '../../live/board.schemas';
import type { CurrentSession, SessionUser } from '../auth/session-user';
import { type BoardView, boardFor } from './live.view';

/** The request's session as it is now (undefined once it has ended), read again for every push. */
export type SessionLookup = () => Promise<CurrentSession | undefined>;

/** Audits what a push shows before it is sent; `audited` holds the calls this stream audited already. */
export type PushAudit = (user: SessionUser, view: BoardView, audited: Set<string>) => Promise<void>;

/**
 * One open live-board stream. Every push looks the session up again (from the session cache,
 * which sign-outs, password changes and notices from other instances empty), so the board is
 * scoped to the user's current units and the stream ends with the session. Pushes are written
 * one at a time, latest snapshot winning, so a slow lookup never reorders them. Each push's full
 * caller numbers are audited before it is written, once per call for the stream's life (a number
 * that stays on screen is one showing); a failed audit write ends the stream.
 */
export class BoardStream {
  private pending: BoardSnapshot | 'ping' | undefined;
  private isWriting = false;
  private hasEnded = false;
  private readonly audited = new Set<string>();

  constructor(
    readonly sessionId: string,
    readonly userId: number,
    private readonly res: Response,
    private readonly currentSession: SessionLookup,
    private readonly onEnd: () => void,
    private readonly audit: PushAudit,
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
        if (next === 'ping') {
          this.res.write(': ping\n\n');
          continue;
        }
        const view = boardFor(session.user, next);
        await this.audit(session.user, view, this.audited);
        if (!this.hasEnded) this.res.write(`event: board\ndata: ${JSON.stringify(view.board)}\n\n`);
      }
    } catch {
      // The session could not be looked up, or the audit not written (database unreachable): such a
      // stream ends; the browser's EventSource reconnects, and is let in only once both work again.
      this.end();
    } finally {
      this.isWriting = false;
    }
  }
}
