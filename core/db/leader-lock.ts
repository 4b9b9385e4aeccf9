import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../logger';

/**
 * waiting: another instance holds the lock (or PostgreSQL is unreachable) and this one tries again;
 * held: this instance's session holds it; lost: the session that held it is gone and PostgreSQL has
 * not answered since, so this instance keeps the role until it can check who holds the lock now.
 */
export type LeaderLockState = 'waiting' | 'held' | 'lost' | 'stopped';

export interface LeadershipListener {
  onAcquired(): void;
  /** Another instance took the lock while this one's connection was away: give the role up. */
  onLost(): void;
}

export interface LeaderLockOptions {
  url: string;
  /** Instances that share this name compete for one lock. */
  name: string;
  logger: Logger;
  /** How often a standby, or a holder whose connection died, tries the lock (default 1 s). */
  retryMs?: number;
  /** How often the holder checks its session with a cheap query (default 2 s). */
  keepAliveMs?: number;
  /** A connect or query that takes longer counts as PostgreSQL being unreachable (default 2 s). */
  queryTimeoutMs?: number;
}

/** A stable signed 64-bit advisory lock key for a name (the same on every instance and version). */
export function advisoryLockKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}

/**
 * Who, of several instances, plays a role only one may play at a time: whoever holds a
 * session-level `pg_try_advisory_lock` on a dedicated connection. PostgreSQL frees the lock when
 * that session ends, so a standby trying every `retryMs` takes over within about that long of the
 * holder's death. The server is told (TCP keepalives on the session) to notice a silent holder host
 * within about 11 s, rather than the system's default of hours.
 */
export class LeaderLock {
  readonly key: string;
  private client: pg.Client | undefined;
  private currentState: LeaderLockState = 'waiting';
  private listener: LeadershipListener | undefined;
  private timer: NodeJS.Timeout | undefined;
  private attempt: Promise<void> | undefined;
  private pausedUntil = 0;
  private since: Date | undefined;
  private lastError: string | undefined;

  constructor(private readonly options: LeaderLockOptions) {
    this.key = advisoryLockKey(options.name);
  }

  get state(): LeaderLockState {
    return this.currentState;
  }

  health(): { lock: LeaderLockState; lockName: string; lockSince?: string; lockError?: string } {
    return {
      lock: this.currentState,
      lockName: this.options.name,
      ...(this.since && { lockSince: this.since.toISOString() }),
      ...(this.lastError && this.currentState !== 'held' && { lockError: this.lastError }),
    };
  }

  start(listener: LeadershipListener): void {
    if (this.listener) return;
    this.listener = listener;
    this.schedule(0);
  }

  /** Gives the lock up (another connection took the role from under it) and competes again after `pauseMs`. */
  async standDown(pauseMs: number): Promise<void> {
    await this.attempt;
    this.pausedUntil = Date.now() + pauseMs;
    if (this.currentState === 'stopped') return;
    if (this.currentState !== 'waiting') this.options.logger.info('leader lock given up', this.logContext());
    this.currentState = 'waiting';
    this.since = new Date();
    await this.endSession();
  }

  /** Ends the session, which frees the lock for a standby at once. */
  async stop(): Promise<void> {
    this.currentState = 'stopped';
    clearTimeout(this.timer);
    await this.attempt;
    await this.endSession();
  }

  private schedule(delayMs: number): void {
    if (this.currentState === 'stopped') return;
    this.timer = setTimeout(() => {
      this.attempt = this.step().finally(() => {
        this.attempt = undefined;
        const held = this.currentState === 'held';
        this.schedule(held ? (this.options.keepAliveMs ?? 2000) : (this.options.retryMs ?? 1000));
      });
    }, delayMs);
    this.timer.unref();
  }

  private async step(): Promise<void> {
    if (this.currentState === 'held') return this.keepAlive();
    if (this.currentState === 'waiting' && Date.now() < this.pausedUntil) return;
    let isLocked: boolean;
    try {
      isLocked = await this.tryLock();
    } catch (error) {
      this.unreachable(error as Error);
      return;
    }
    if (this.currentState === 'stopped') return;
    this.lastError = undefined;
    if (isLocked) this.acquired();
    else if (this.currentState === 'lost') {
      this.currentState = 'waiting';
      this.since = new Date();
      this.options.logger.warn(
        'another instance holds the leader lock now; stepping down',
        this.logContext(),
      );
      this.listener?.onLost();
    }
  }

  private acquired(): void {
    const wasLost = this.currentState === 'lost';
    this.currentState = 'held';
    this.since = new Date();
    this.options.logger.info(wasLost ? 'leader lock held again' : 'leader lock acquired', this.logContext());
    if (!wasLost) this.listener?.onAcquired();
  }

  private async keepAlive(): Promise<void> {
    try {
      await this.session().query('select 1');
    } catch (error) {
      this.sessionLost(error as Error);
    }
  }

  private async tryLock(): Promise<boolean> {
    const client = this.client ?? (await this.connect());
    const result = await client.query<{ locked: boolean }>(
      'select pg_try_advisory_lock($1::bigint) as locked',
      [this.key],
    );
    return result.rows[0]?.locked === true;
  }

  private async connect(): Promise<pg.Client> {
    const timeoutMs = this.options.queryTimeoutMs ?? 2000;
    const client = new pg.Client({
      connectionString: this.options.url,
      application_name: `hotline leader lock ${this.options.name}`,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      keepAlive: true,
      options: '-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3',
    });
    client.on('error', (error) => this.sessionLost(error, client));
    client.on('end', () => this.sessionLost(new Error('connection ended'), client));
    this.client = client;
    try {
      await client.connect();
    } catch (error) {
      await this.endSession();
      throw error;
    }
    return client;
  }

  private session(): pg.Client {
    if (!this.client) throw new Error('the leader lock has no PostgreSQL session');
    return this.client;
  }

  /** The session is gone, and with it the lock if this instance held it. */
  private sessionLost(error: Error, client = this.client): void {
    if (!client || client !== this.client) return;
    void this.endSession();
    this.lastError = error.message;
    if (this.currentState !== 'held') return;
    this.currentState = 'lost';
    this.since = new Date();
    this.options.logger.warn(
      'the leader lock connection to PostgreSQL died; keeping the role until PostgreSQL answers again',
      { ...this.logContext(), error: error.message },
    );
  }

  private unreachable(error: Error): void {
    void this.endSession();
    if (error.message !== this.lastError && this.currentState === 'waiting')
      this.options.logger.warn('cannot reach PostgreSQL for the leader lock; retrying', {
        ...this.logContext(),
        error: error.message,
      });
    this.lastError = error.message;
  }

  private async endSession(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    client.removeAllListeners();
    client.on('error', () => undefined);
    await client.end().catch(() => undefined);
  }

  private logContext(): Record<string, unknown> {
    return { lockName: this.options.name, lockKey: this.key };
  }
}
