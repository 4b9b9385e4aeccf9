import type { Request } from 'express';
import { AppError } from '../../../core/errors';
import type { BoardSnapshot } from '../../live/live-board';
import { operation } from '../http/operation';
import { errorResponses } from '../openapi/common.schemas';
import type { LiveCallerAudit } from './live.audit';
import { boardFor } from './live.view';

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

/** A comment line keeps proxies and browsers from closing an idle stream. */
const HEARTBEAT_MS = 20_000;

/** Whether the request's session is still signed in (an open stream outlives the request's check). */
export type SessionCheck = (req: Request) => Promise<boolean>;

export function liveRoutes(
  feed: LiveFeed | undefined,
  isStillSignedIn: SessionCheck,
  callers: LiveCallerAudit,
  heartbeatMs = HEARTBEAT_MS,
) {
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
        responses: { 200: { description: 'The board, scoped to the user' }, ...errorResponses(401, 503) },
      },
      async ({ user, req }) => {
        const view = boardFor(user, live().snapshot());
        await callers.shown(user, req.ip ?? null, view, 'live');
        return { status: 200, body: view.board };
      },
    ),

    stream: operation(
      {
        operationId: 'streamLiveBoard',
        summary:
          'The board as server-sent events: a "board" event at once and on every change (at most every 500 ms)',
        tag: 'live',
        access: 'signed-in',
        responses: {
          200: { description: 'text/event-stream of "board" events', contentType: 'text/event-stream' },
          ...errorResponses(401, 503),
        },
      },
      async ({ user, req, res }) => {
        const source = live();
        res.status(200);
        res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
        res.setHeader('Cache-Control', 'no-store');
        // nginx buffers proxied responses unless told otherwise; events must arrive as they happen.
        res.setHeader('X-Accel-Buffering', 'no');
        res.flushHeaders();
        // Pushes go out in order, each after its audit rows are written; a failed write ends the stream.
        const audited = new Set<string>();
        let sending = Promise.resolve();
        const send = (snapshot: BoardSnapshot) => {
          sending = sending
            .then(async () => {
              const view = boardFor(user, snapshot);
              await callers.shown(user, req.ip ?? null, view, 'live-stream', audited);
              if (!res.writableEnded) res.write(`event: board\ndata: ${JSON.stringify(view.board)}\n\n`);
            })
            .catch(() => {
              res.end();
            });
        };
        send(source.snapshot());
        const unsubscribe = source.subscribe(send);
        // Each heartbeat also re-checks the session: a sign-out elsewhere ends the stream.
        const heartbeat = setInterval(() => {
          void isStillSignedIn(req).then((signedIn) => (signedIn ? res.write(': ping\n\n') : res.end()));
        }, heartbeatMs);
        heartbeat.unref();
        req.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
        });
        return undefined;
      },
    ),
  };
}
