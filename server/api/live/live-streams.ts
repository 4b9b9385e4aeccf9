import type { SessionChange } from '../auth/session-cache';
import type { BoardStream } from './board-stream';

/**
 * The live streams open in this instance, by session: to cap them per session and to check the
 * affected ones again the moment a session or its user changes. The cap is per instance.
 */
export class LiveStreams {
  private readonly bySession = new Map<string, Set<BoardStream>>();

  constructor(readonly maxPerSession: number) {}

  hasRoomFor(sessionId: string): boolean {
    return (this.bySession.get(sessionId)?.size ?? 0) < this.maxPerSession;
  }

  add(stream: BoardStream): void {
    const streams = this.bySession.get(stream.sessionId) ?? new Set<BoardStream>();
    streams.add(stream);
    this.bySession.set(stream.sessionId, streams);
  }

  remove(stream: BoardStream): void {
    const streams = this.bySession.get(stream.sessionId);
    streams?.delete(stream);
    if (streams?.size === 0) this.bySession.delete(stream.sessionId);
  }

  /** The streams a change may have ended or rescoped. */
  affectedBy(change: SessionChange): BoardStream[] {
    const all = [...this.bySession.values()].flatMap((streams) => [...streams]);
    if (change.kind === 'session') return [...(this.bySession.get(change.id) ?? [])];
    if (change.kind === 'user') return all.filter((stream) => stream.userId === change.userId);
    return all;
  }
}
