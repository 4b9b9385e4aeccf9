import type { LeadershipListener } from '../core/db/leader-lock';
import type { Logger } from '../core/logger';
import type { AriConnection, AriState } from './ari/ari-connection';

export type IvrRole = 'active' | 'standby';

export interface RoleHealth {
  /** `up` only on the active instance while its websocket is open and not replaced. */
  status: 'up' | 'down' | 'connecting' | 'standby';
  state: AriState | 'replaced' | 'standby';
  role: IvrRole;
  app: string;
  /** The leader lock's state, when instances compete for the app (on PostgreSQL). */
  lock?: string;
  [detail: string]: unknown;
}

/**
 * Decides which of the instances on one Asterisk app may connect to it: Asterisk hands an app's
 * calls to its newest websocket only, so a second connection would take the calls from the first.
 * In production a PostgreSQL advisory lock (core/db/leader-lock.ts).
 */
export interface Leadership {
  start(listener: LeadershipListener): void;
  /** Gives the role up and competes for it again after `pauseMs`. */
  standDown(pauseMs: number): Promise<void>;
  stop(): Promise<void>;
  health(): { lock: string; [detail: string]: unknown };
}

export interface ActiveStandbyOptions {
  connection: Pick<AriConnection, 'start' | 'stop' | 'health'>;
  /** Omitted on the embedded database: one process, always active. */
  leadership: Leadership | undefined;
  logger: Logger;
  /** After ApplicationReplaced, how long before competing for the app again. */
  replacedPauseMs: number;
}

/**
 * Connects to ARI only while this instance holds the role. Taken over (ApplicationReplaced) it
 * closes its websocket and gives the role up instead of reconnecting, which would take the app
 * back and start a tug of war; it competes again after a pause, and connects only if it wins.
 */
export class ActiveStandby {
  private currentRole: IvrRole = 'standby';
  private replacedAt: Date | undefined;
  private transitions: Promise<void> = Promise.resolve();
  private resume: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: ActiveStandbyOptions) {}

  get role(): IvrRole {
    return this.currentRole;
  }

  start(): void {
    const { leadership } = this.options;
    if (!leadership) {
      this.activate();
      return;
    }
    leadership.start({
      onAcquired: () => this.activate(),
      onLost: () => this.deactivate('another instance holds the leader lock'),
    });
  }

  /** Another connection took the ARI app over (older Asterisk versions say so with ApplicationReplaced). */
  replaced(): void {
    if (this.currentRole !== 'active') return;
    this.replacedAt = new Date();
    this.deactivate('another connection took the ARI app over');
    const { leadership, replacedPauseMs } = this.options;
    if (leadership) {
      void leadership.standDown(replacedPauseMs);
      return;
    }
    this.resume = setTimeout(() => this.activate(), replacedPauseMs);
    this.resume.unref();
  }

  /** Closes the websocket first, then frees the role, so a standby never connects over a live socket. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.resume);
    this.currentRole = 'standby';
    this.transitions = this.transitions.then(() => this.options.connection.stop());
    await this.transitions;
    await this.options.leadership?.stop();
  }

  health(): RoleHealth {
    const connection = this.options.connection.health();
    const lock = this.options.leadership?.health() ?? {};
    const { replacedAt } = this;
    if (this.currentRole === 'active' || this.stopped)
      return { ...connection, role: this.currentRole, ...lock };
    if (replacedAt && Date.now() - replacedAt.getTime() < this.options.replacedPauseMs) {
      return {
        ...connection,
        status: 'down',
        state: 'replaced',
        role: this.currentRole,
        replacedAt: replacedAt.toISOString(),
        error: 'another connection took the ARI app over (ApplicationReplaced)',
        ...lock,
      };
    }
    return {
      ...connection,
      status: 'standby',
      state: 'standby',
      role: this.currentRole,
      ...lock,
    };
  }

  private activate(): void {
    if (this.stopped || this.currentRole === 'active') return;
    this.currentRole = 'active';
    this.replacedAt = undefined;
    this.options.logger.info('this instance takes the calls: connecting to ARI');
    this.transitions = this.transitions.then(() => this.options.connection.start());
  }

  private deactivate(reason: string): void {
    if (this.currentRole !== 'active') return;
    this.currentRole = 'standby';
    this.options.logger.warn('this instance stops taking calls and stands by', { reason });
    this.transitions = this.transitions.then(() => this.options.connection.stop());
  }
}
