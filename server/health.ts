import type { Request, Response } from 'express';
import type { Database } from '../core/db/database';

export type ComponentStatus = 'up' | 'down' | 'disabled' | 'connecting';

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
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${DB_TIMEOUT_MS} ms`)), DB_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up', kind: db.kind, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', kind: db.kind, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** GET /healthz: 200 while the database answers (telephony may be down: the dialplan still routes), else 503. */
export function healthHandler(db: Database, sources: readonly HealthSource[], startedAt: Date) {
  return async (_req: Request, res: Response) => {
    const database = await databaseHealth(db);
    const components = Object.fromEntries(sources.map((source) => [source.name, source.health()]));
    const isUp = database.status === 'up';
    res.status(isUp ? 200 : 503).json({
      status: isUp ? 'ok' : 'unavailable',
      uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      db: database,
      ...components,
    });
  };
}
