import type { Request } from 'express';
import { AppError, UnauthorizedError } from '../../../core/errors';
import { type BoardSnapshot, boardSchema } from '../../live/board.schemas';
import type { SessionChange } from '../auth/session-cache';
import type { CurrentSession } from '../auth/session-user';
import { operation } from '../http/operation';
import { errorResponses } from '../openapi/common.schemas';
import { BoardStream } from './board-stream';
import type { LiveCallerAudit } from './live.audit';
import { boardFor } from './live.view';
import { LiveStreams } from './live-streams';

/** What the API needs of the live board (server/live/LiveBoard). */
export interface LiveFeed {
  snapshot(): BoardSnapshot;
  subscribe(listener: (snapshot: BoardSnapshot) => void): () => void;
}

export class LiveUnavailableError extends AppError {
  constructor() {
    super(503, 'live-unavailable', 'The live board is not running in this instance');
  }
}

/**
 * Refused rather than closing the oldest: a closed EventSource reconnects by itself, so two tabs
 * over the cap would keep pushing each other out.
 */
export class TooManyStreamsError extends AppError {
  constructor(max: number) {
    super(
      429,
      'too-many-streams',
      `At most ${max} live-board streams per session; close one first`,
      { max },
      { max },
    );
  }
}

export interface LiveStreamSettings {
  /** The request's session as it is now; an open stream outlives the request's own check. */
  currentSession: (req: Request) => Promise<CurrentSession | undefined>;
  /** Sign-outs, password changes and user changes, here or from other instances (SessionCache.onChange). */
  onSessionChange: (listener: (change: SessionChange) => void) => void;
  /** A comment line this often keeps proxies and browsers from closing an idle stream. */
  heartbeatMs?: number;
  maxStreamsPerSession?: number;
  /** Writes the audit rows of the caller numbers a board shows in full, before it is sent. */
  callers: LiveCallerAudit;
}

const HEARTBEAT_MS = 20_000;
export const MAX_STREAMS_PER_SESSION = 3;

export function liveRoutes(feed: LiveFeed | undefined, settings: LiveStreamSettings) {
  const heartbeatMs = settings.heartbeatMs ?? HEARTBEAT_MS;
  const streams = new LiveStreams(settings.maxStreamsPerSession ?? MAX_STREAMS_PER_SESSION);
  settings.onSessionChange((change) => {
    if (!feed) return;
    for (const stream of streams.affectedBy(change)) stream.push(feed.snapshot());
  });
  const live = () => {
    if (!feed) throw new LiveUnavailableError();
    return feed;
  };
  return {
    board: operation(
      {
        operationId: 'getLiveBoard',
        summary: 'Calls in progress and who is on duty now, with phone reachability (one snapshot)',
        tag: 'live',
        access: 'signed-in',
        responses: {
          200: { description: 'The board, scoped to the user', schema: boardSchema },
          ...errorResponses(401, 503),
        },
      },
      async ({ user, req }) => {
        const view = boardFor(user, live().snapshot());
        await settings.callers.shown(user, req.ip ?? null, view, 'live');
        return { status: 200, body: view.board };
      },
    ),

    stream: operation(
      {
        operationId: 'streamLiveBoard',
        summary:
          'The board as server-sent events: a "board" event at once and on every change (at most every 500 ms), scoped to the user\'s units as they are at each push; the stream ends when the session does. At most 3 per session: the next is refused with 429 too-many-streams',
        tag: 'live',
        access: 'signed-in',
        responses: {
          200: { description: 'text/event-stream of "board" events', contentType: 'text/event-stream' },
          ...errorResponses(401, 429, 503),
        },
      },
      async ({ req, res }) => {
        const source = live();
        const session = res.locals.session;
        if (!session) throw new UnauthorizedError();
        if (!streams.hasRoomFor(session.id)) throw new TooManyStreamsError(streams.maxPerSession);
        res.status(200);
        res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
        res.setHeader('Cache-Control', 'no-store');
        // nginx buffers proxied responses unless told otherwise; events must arrive as they happen.
        res.setHeader('X-Accel-Buffering', 'no');
        res.flushHeaders();
        const stream = new BoardStream(
          session.id,
          session.user.id,
          res,
          () => settings.currentSession(req),
          () => stop(),
          (user, view, audited) => settings.callers.shown(user, req.ip ?? null, view, 'live-stream', audited),
        );
        streams.add(stream);
        const unsubscribe = source.subscribe((snapshot) => stream.push(snapshot));
        const heartbeat = setInterval(() => stream.ping(), heartbeatMs);
        heartbeat.unref();
        const stop = () => {
          clearInterval(heartbeat);
          unsubscribe();
          streams.remove(stream);
        };
        req.on('close', () => stream.end());
        stream.push(source.snapshot());
        return undefined;
      },
    ),
  };
}
