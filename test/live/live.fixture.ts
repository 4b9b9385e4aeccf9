import http from 'node:http';
import request from 'supertest';
import { createSilentLogger } from '../../core/logger';
import type { Role } from '../../core/users/roles';
import { UsersRepository } from '../../core/users/users.repo';
import type { CallbackPlacer } from '../../server/api/callbacks/callbacks.port';
import { createApp } from '../../server/app';
import { listen, type RunningServer } from '../../server/http-server';
import { LiveBoard } from '../../server/live/live-board';
import type { IvrHarness } from '../ivr/ivr-harness';

export const PASSWORD = 'correct horse battery';

/** The app as main wires it (live board, callbacks through the IVR) over the IVR harness's database. */
export function liveApp(
  h: IvrHarness,
  options: { withCallbacks?: boolean; coalesceMs?: number; heartbeatMs?: number } = {},
) {
  const board = new LiveBoard({
    calls: h.ivr(),
    duty: h.roster(),
    reachability: undefined,
    logger: createSilentLogger(),
    coalesceMs: options.coalesceMs ?? 200,
  });
  const ivr = h.ivr();
  const callbacks: CallbackPlacer = {
    get isConnected() {
      return ivr.isConnected;
    },
    onDuty: (unitId, at) => h.roster().onDuty(unitId, at),
    hasCallbackFor: (ticketId) => ivr.hasCallbackFor(ticketId),
    startCallback: ivr.startCallback.bind(ivr),
  };
  const app = createApp({
    logger: createSilentLogger(),
    db: h.db().db,
    healthSources: [],
    api: {
      timeZone: 'Asia/Ho_Chi_Minh',
      onRosterChanged: () => {},
      live: board,
      ...(options.heartbeatMs !== undefined && { liveHeartbeatMs: options.heartbeatMs }),
      ...((options.withCallbacks ?? true) && { callbacks }),
    },
  });
  return { app, board };
}

export async function createUser(h: IvrHarness, username: string, role: Role, unitCodes?: string[]) {
  await new UsersRepository(h.db().db.knex).create({
    username,
    password: PASSWORD,
    role,
    ...(unitCodes && { unitCodes }),
  });
}

export async function signIn(app: Parameters<typeof request.agent>[0], username: string) {
  const agent = request.agent(app);
  const res = await agent.post('/api/v1/auth/login').send({ username, password: PASSWORD });
  if (res.status !== 200)
    throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = (res.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
  return { agent, csrf: res.body.csrfToken as string, cookie };
}

/** Reads a server-sent event stream over a real socket, keeping every parsed event. */
export class SseReader {
  readonly events: Array<{ event: string; data: unknown }> = [];
  private waiters = new Set<() => void>();
  private markEnded: () => void = () => undefined;
  /** Resolves when the server ends the stream. */
  readonly ended = new Promise<void>((resolve) => {
    this.markEnded = resolve;
  });
  private constructor(private readonly req: http.ClientRequest) {}

  static async open(
    server: RunningServer,
    path: string,
    cookie: string,
  ): Promise<{ reader: SseReader; status: number; type: string }> {
    return new Promise((resolve, reject) => {
      const req = http.get({
        host: '127.0.0.1',
        port: server.port,
        path,
        headers: { cookie, accept: 'text/event-stream' },
      });
      const reader = new SseReader(req);
      req.on('error', reject);
      req.on('response', (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            reader.parse(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
          }
        });
        res.on('error', () => undefined);
        res.on('end', () => reader.markEnded());
        resolve({ reader, status: res.statusCode ?? 0, type: String(res.headers['content-type']) });
      });
    });
  }

  private parse(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      if (line.startsWith('event: ')) event = line.slice(7);
      if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length === 0) return;
    this.events.push({ event, data: JSON.parse(data.join('\n')) });
    for (const wake of this.waiters) wake();
  }

  /** Resolves with the first event (already received or coming) that satisfies `matches`. */
  waitFor<T>(matches: (data: T) => boolean, what: string, timeoutMs = 4000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.find((e) => matches(e.data as T));
        if (!found) return false;
        finish();
        resolve(found.data as T);
        return true;
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          new Error(
            `no event with ${what} within ${timeoutMs} ms; got ${JSON.stringify(this.events.map((e) => e.data))}`,
          ),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      const wake = () => void check();
      this.waiters.add(wake);
      check();
    });
  }

  close(): void {
    this.req.destroy();
  }
}

export { listen };
