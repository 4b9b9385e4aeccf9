import type { Request, Response } from 'express';
import { withTimeout } from '../core/async/with-timeout';
import type { Database } from '../core/db/database';

/** `standby`: on purpose idle while another instance does the work (the IVR of a standby instance). */
export type ComponentStatus = 'up' | 'down' | 'disabled' | 'connecting' | 'standby';

export interface ComponentHealth {
  status: ComponentStatus;
  [detail: string]: unknown;
}

/** Anything whose state /healthz reports (ARI, AMI, mail...). Must answer from memory, at once. */
export interface HealthSource {
  readonly name: string;
  health(): ComponentHealth;
}

const DB_TIMEOUT_MS = 2000;

async function databaseHealth(db: Database): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    await withTimeout(db.ping(), DB_TIMEOUT_MS, 'the database ping');
    return { status: 'up', kind: db.kind, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', kind: db.kind, error: (error as Error).message };
  }
}

/**
 * GET /healthz: 200 while the database answers (telephony may be down: the dialplan still routes), else 503.
 * It answers anyone, so each part shows its state only: details (directories, transports, error
 * texts) stay in the logs.
 */
export function healthHandler(db: Database, sources: readonly HealthSource[], startedAt: Date) {
  return async (_req: Request, res: Response) => {
    const database = await databaseHealth(db);
    const states = Object.fromEntries(
      sources.map((source) => [source.name, { status: source.health().status }]),
    );
    const isUp = database.status === 'up';
    res.status(isUp ? 200 : 503).json({
      status: isUp ? 'ok' : 'unavailable',
      uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      db: { status: database.status },
      ...states,
    });
  };
}

/**
 * GET /readyz: whether this instance should be sent work. The database is always required; the
 * names in `required` too (main requires 'ari' when ARI_URL is set: an instance whose IVR cannot
 * reach Asterisk should not be the one the dialplan's Stasis() lands on). A required part on
 * `standby` counts as ready: a standby IVR serves HTTP like any instance, it only leaves the calls
 * to the active one (its own `status` says which it is). Everything else (AMI,
 * mail, the ticket outbox) is reported with its state but does not make the instance unready:
 * calls still ring without AMI, and tickets wait in the outbox when the database stalls.
 */
export function readinessHandler(
  db: Database,
  sources: readonly HealthSource[],
  required: ReadonlySet<string>,
) {
  return async (_req: Request, res: Response) => {
    const database = await databaseHealth(db);
    const components = sources.map((source) => {
      const health = source.health();
      return [source.name, { ...health, required: required.has(source.name) }] as const;
    });
    const isReady =
      database.status === 'up' &&
      components.every(
        ([, health]) => !health.required || health.status === 'up' || health.status === 'standby',
      );
    res.status(isReady ? 200 : 503).json({
      status: isReady ? 'ready' : 'not-ready',
      db: { ...database, required: true },
      ...Object.fromEntries(components),
    });
  };
}
