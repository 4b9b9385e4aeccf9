import type { Logger } from '../../core/logger';
import { API_BASE_PATH } from '../../server/api/api.routes';
import { changedTables, TableChecksummer, type TableChecksums } from './fuzz.checksum';
import { type RawResponse, send } from './fuzz.client';
import { FUZZ_ROLES, type FuzzRequest, type FuzzRole, generateRequest, isMutating } from './fuzz.generate';
import { operationsOf } from './fuzz.operations';
import { Prng } from './fuzz.prng';
import { FUZZ_PASSWORD, openFuzzWorld } from './fuzz.world';

export interface FuzzOptions {
  requests: number;
  seconds: number;
  seed: number;
  logger: Logger;
}

export interface ServerErrorSeen {
  method: string;
  path: string;
  status: number;
  body: string;
  /** How many requests gave this same answer. */
  count: number;
}

export interface RowChange {
  method: string;
  path: string;
  status: number;
  tables: string[];
}

export interface FuzzReport {
  database: string;
  seed: number;
  sent: number;
  stoppedBy: 'requests' | 'time';
  seconds: number;
  operations: number;
  /** operationId:role pairs tried at least once. */
  pairsTried: number;
  byStatus: Record<string, number>;
  serverErrors: ServerErrorSeen[];
  refusedMutations: number;
  rowsChangedByRefused: RowChange[];
}

interface Credentials {
  cookie: string;
  csrf: string;
}

/**
 * Signs a role in, with its "known device" cookie (user name → cookie, kept per run) sent again on
 * every later sign-in as its browser would: the hostile sign-ins the run sends back off their
 * address, which must not keep the roles out.
 */
async function signIn(
  baseUrl: string,
  username: string,
  deviceCookies: Map<string, string>,
): Promise<Credentials> {
  const device = deviceCookies.get(username);
  const res = await send(baseUrl, {
    method: 'POST',
    path: `${API_BASE_PATH}/auth/login`,
    headers: { 'content-type': 'application/json', ...(device && { cookie: device }) },
    body: JSON.stringify({ username, password: FUZZ_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`fuzz: sign-in of ${username} failed: ${res.status} ${res.body}`);
  const setCookie = ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .map((line) => line.split(';')[0]);
  const newDevice = setCookie.find((pair) => pair?.startsWith('hotline_device='));
  if (newDevice) deviceCookies.set(username, newDevice);
  const cookie = setCookie.find((pair) => pair?.startsWith('hotline_session='));
  if (!cookie) throw new Error(`fuzz: sign-in of ${username} set no session cookie`);
  return { cookie, csrf: (JSON.parse(res.body) as { csrfToken: string }).csrfToken };
}

const ROLE_USERS: Record<Exclude<FuzzRole, 'anonymous'>, string> = {
  admin: 'admin',
  official: 'official',
  viewer: 'viewer',
};

/** What makes two 5xx answers the same fault: not the request id each one carries. */
function faultKey(method: string, operationId: string, res: RawResponse): string {
  return `${method} ${operationId} ${res.status} ${res.body.replace(/"reqId":"[^"]*"/g, '')}`;
}

/**
 * Starts the app on a fresh seeded database, sends generated requests (every operation by every
 * role in turn) until `requests` are sent or `seconds` have passed, and reports the answers.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const world = await openFuzzWorld(options.logger);
  try {
    const document = JSON.parse(
      (
        await send(world.baseUrl, {
          method: 'GET',
          path: `${API_BASE_PATH}/openapi.json`,
          headers: {},
          body: undefined,
        })
      ).body,
    ) as unknown;
    const ops = operationsOf(document);
    const sessions = new Map<FuzzRole, Credentials>();
    const deviceCookies = new Map<string, string>();
    for (const role of FUZZ_ROLES) {
      if (role !== 'anonymous')
        sessions.set(role, await signIn(world.baseUrl, ROLE_USERS[role], deviceCookies));
    }
    const checksums = await TableChecksummer.forDatabase(world.db.knex);
    const rng = new Prng(options.seed);
    const report: FuzzReport = {
      database: world.description,
      seed: options.seed,
      sent: 0,
      stoppedBy: 'requests',
      seconds: 0,
      operations: ops.length,
      pairsTried: 0,
      byStatus: {},
      serverErrors: [],
      refusedMutations: 0,
      rowsChangedByRefused: [],
    };
    const faults = new Map<string, ServerErrorSeen>();
    const pairs = new Set<string>();
    const started = Date.now();
    for (let index = 0; index < options.requests; index += 1) {
      if (Date.now() - started > options.seconds * 1000) {
        report.stoppedBy = 'time';
        break;
      }
      const generated = generateRequest(ops, world.ids, index, rng);
      const mutating = isMutating(generated.method);
      const before: TableChecksums | undefined = mutating ? await checksums.read() : undefined;
      const res = await send(world.baseUrl, toRaw(generated, sessions.get(generated.role)));
      report.sent += 1;
      pairs.add(`${generated.operationId}:${generated.role}`);
      report.byStatus[res.status] = (report.byStatus[res.status] ?? 0) + 1;
      if (res.status >= 500) {
        const key = faultKey(generated.method, generated.operationId, res);
        const seen = faults.get(key);
        if (seen) seen.count += 1;
        else
          faults.set(key, {
            method: generated.method,
            path: generated.path,
            status: res.status,
            body: res.body,
            count: 1,
          });
      }
      if (before && res.status >= 400 && res.status < 500) {
        report.refusedMutations += 1;
        const tables = changedTables(before, await checksums.read());
        if (tables.length > 0)
          report.rowsChangedByRefused.push({
            method: generated.method,
            path: generated.path,
            status: res.status,
            tables,
          });
      }
      if (endsSession(generated, res)) {
        const role = generated.role as Exclude<FuzzRole, 'anonymous'>;
        sessions.set(role, await signIn(world.baseUrl, ROLE_USERS[role], deviceCookies));
      }
    }
    report.seconds = Math.round((Date.now() - started) / 100) / 10;
    report.pairsTried = pairs.size;
    report.serverErrors = [...faults.values()];
    return report;
  } finally {
    await world.close();
  }
}

function endsSession(generated: FuzzRequest, res: RawResponse): boolean {
  const ended = generated.operationId === 'logout' || generated.operationId === 'changePassword';
  return ended && generated.role !== 'anonymous' && generated.cookie === undefined && res.status < 300;
}

function toRaw(generated: FuzzRequest, session: Credentials | undefined) {
  const headers: Record<string, string> = { ...generated.headers };
  const cookie = generated.cookie ?? session?.cookie;
  if (cookie) headers.cookie = cookie;
  if (session && generated.withCsrf) headers['x-csrf-token'] = session.csrf;
  return { method: generated.method, path: generated.path, headers, body: generated.body };
}
