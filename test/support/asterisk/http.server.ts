import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { WebSocketServer } from 'ws';
import { AriError } from './ari.types';
import { resourceDeclaration, resourceListing } from './docs/index.docs';
import type { EventBus } from './event-bus';
import { MissingParam } from './http.params';
import type { Pbx } from './pbx';
import { ariRoutes } from './routes';

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: unknown;
  /** The Range header, when the client sent one (recordings are fetched in ranges by players). */
  range?: string;
  /** performance.now() when the request's headers were parsed, before auth and body parsing. */
  receivedAtMs: number;
  /** performance.now() when its answer was sent (undefined until then). */
  answeredAtMs?: number;
}

export interface HttpOptions {
  username: string;
  password: string;
  pbx: Pbx;
  bus: EventBus;
  requests: RequestRecord[];
  keepsHistory: boolean;
  onRequest(record: RequestRecord): void;
  /**
   * How long an overloaded Asterisk keeps this request before carrying it out: 'forever' for an
   * answer that never comes, undefined for none.
   */
  heldFor(record: RequestRecord): number | 'forever' | undefined;
  /** Open HTTP sessions (keep-alive connections and websockets) served at once; more are closed. */
  sessionLimit: number;
  /** Told of each connection closed for being over the limit. */
  onSessionRefused(): void;
}

export async function listen(options: HttpOptions): Promise<{ server: Server; url: string }> {
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.locals.receivedAtMs = performance.now();
    next();
  });
  app.use('/ari', (req, res, next) => {
    if (isAuthorised(req, options)) return next();
    res.status(401).set('WWW-Authenticate', 'Basic realm="Asterisk REST Interface"');
    res.json({ message: 'Authentication required' });
  });
  app.use('/ari', express.json({ type: () => true }), (req, res, next) => {
    if (!req.path.startsWith('/api-docs/')) {
      const record: RequestRecord = {
        method: req.method,
        path: `/ari${req.path}`,
        query: { ...req.query },
        body: req.body,
        ...(req.headers.range !== undefined && { range: req.headers.range }),
        receivedAtMs: res.locals.receivedAtMs as number,
      };
      if (options.keepsHistory) {
        options.requests.push(record);
        res.once('finish', () => {
          record.answeredAtMs = performance.now();
        });
      }
      options.onRequest(record);
      const held = options.heldFor(record);
      if (held === 'forever') return;
      if (held !== undefined) {
        setTimeout(next, held);
        return;
      }
    }
    next();
  });
  app.get('/ari/api-docs/resources.json', (req, res) => {
    res.json(resourceListing(baseUrl(req)));
  });
  app.get('/ari/api-docs/:resource.json', (req, res) => {
    const doc = resourceDeclaration(req.params.resource, baseUrl(req));
    if (!doc) throw new AriError(404, 'Resource not found');
    res.json(doc);
  });
  app.use('/ari', ariRoutes(options.pbx));
  app.use('/ari', (_req, _res) => {
    throw new AriError(404, 'Resource not found');
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof AriError) return void res.status(error.status).json({ message: error.message });
    if (error instanceof MissingParam) return void res.status(400).json({ message: error.message });
    if (error instanceof SyntaxError) return void res.status(400).json({ message: 'Invalid JSON body' });
    res.status(500).json({ message: error instanceof Error ? error.message : String(error) });
  });

  const server = createServer(app);
  // As main/http.c: a connection past `sessionlimit` is logged ("HTTP session count exceeded")
  // and closed at once, unanswered; its client sees the socket end before any response.
  let sessions = 0;
  server.on('connection', (socket) => {
    if (sessions >= options.sessionLimit) {
      options.onSessionRefused();
      socket.destroy();
      return;
    }
    sessions += 1;
    socket.once('close', () => {
      sessions -= 1;
    });
  });
  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://asterisk');
    const apps = (url.searchParams.get('app') ?? '').split(',').filter((a) => a !== '');
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/ari/events') return refuse('404 Not Found');
    if (!isAuthorised(req, options)) return refuse('401 Unauthorized');
    if (apps.length === 0) return refuse('400 Bad Request');
    if (options.bus.isRefusing) return refuse('503 Service Unavailable');
    sockets.handleUpgrade(req, socket, head, (ws) => {
      options.bus.attach(ws, apps, url.searchParams.get('subscribeAll') === 'true');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

function baseUrl(req: Request): string {
  return `http://${req.headers.host}/ari`;
}

function isAuthorised(req: IncomingMessage, options: HttpOptions): boolean {
  const expected = `${options.username}:${options.password}`;
  const header = req.headers.authorization ?? '';
  if (header.startsWith('Basic ') && Buffer.from(header.slice(6), 'base64').toString() === expected)
    return true;
  const apiKey = new URL(req.url ?? '/', 'http://asterisk').searchParams.get('api_key');
  return apiKey === expected;
}
