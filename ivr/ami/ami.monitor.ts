import type { Logger } from '../../core/logger';
import type { Reachability, ReachabilityView } from '../calls/reachability.port';
import { type AmiEvent, AmiSession } from './ami.session';
import { type ListedContact, ReachabilityTable } from './reachability.table';

export interface AmiMonitorOptions {
  host: string;
  port: number;
  username: string;
  password: string;
  logger: Logger;
  /** How often the full contact list is fetched again, in case an event was lost (default 60 s). */
  pollIntervalMs?: number;
  /** How often a Ping checks an idle connection (default 15 s). */
  heartbeatMs?: number;
  /** Per action, and for connect + login (default 5 s). */
  actionTimeoutMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * Run on every session after each contact resync (on connect, then every poll): other work that
   * needs the AMI session, such as collecting the calls the dialplan fallback handled. A failure
   * is logged and leaves the session up.
   */
  onResync?: (session: AmiSession) => Promise<void>;
}

/** A type, not an interface, so it fits /healthz's open record of details. */
export type AmiHealth = {
  status: 'up' | 'down' | 'connecting';
  since?: string;
  error?: string;
  lastResyncAt?: string;
  endpointsKnown: number;
  endpoints: Record<Reachability, number>;
};

/** Asterisk answers PJSIPShowContacts with this error when no contact exists at all. */
const NO_CONTACTS = /no contacts found/i;

/**
 * Watches phone reachability over AMI and keeps at it forever: a session is opened, the contact
 * list fetched, then ContactStatus / DeviceStateChange events applied as they come, with a Ping
 * heartbeat and a periodic full resync. Any failure ends the session and a new one starts after a
 * capped backoff. While no session is up every answer is 'unknown', so calls ring as without AMI.
 */
export class AmiMonitor implements ReachabilityView {
  readonly name = 'ami';
  private readonly table = new ReachabilityTable();
  private readonly stopping = new AbortController();
  private isUp = false;
  private hasTried = false;
  private lastError: string | undefined;
  private upSince: Date | undefined;
  private lastResyncAt: Date | undefined;
  /** Events that arrive while a listing is in flight, replayed over the listing's snapshot. */
  private duringResync: AmiEvent[] | undefined;
  private loop: Promise<void> | undefined;
  private readonly log: Logger;

  constructor(private readonly options: AmiMonitorOptions) {
    this.log = options.logger.child({ component: 'ami' });
  }

  start(): void {
    this.loop ??= this.supervise();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  reachability(endpointName: string): Reachability {
    return this.isUp ? this.table.reachability(endpointName) : 'unknown';
  }

  health(): AmiHealth {
    const status = this.isUp ? 'up' : this.hasTried ? 'down' : 'connecting';
    return {
      status,
      ...(this.upSince && status === 'up' && { since: this.upSince.toISOString() }),
      ...(this.lastError && status !== 'up' && { error: this.lastError }),
      ...(this.lastResyncAt && { lastResyncAt: this.lastResyncAt.toISOString() }),
      endpointsKnown: this.table.endpointsKnown,
      endpoints: this.table.counts(),
    };
  }

  private async supervise(): Promise<void> {
    const initial = this.options.initialBackoffMs ?? 500;
    const max = this.options.maxBackoffMs ?? 30_000;
    let attempt = 0;
    while (!this.stopping.signal.aborted) {
      try {
        await this.runSession(() => {
          attempt = 0;
        });
      } catch (error) {
        this.lastError = (error as Error).message;
        if (!this.stopping.signal.aborted)
          this.log.warn('AMI session ended', { error: this.lastError, attempt });
      }
      if (this.isUp) this.log.warn('AMI down: calls ring every target until it is back');
      this.isUp = false;
      this.hasTried = true;
      await this.sleep(Math.min(max, initial * 2 ** Math.min(attempt, 16)));
      attempt += 1;
    }
  }

  /** One session's life: returns only by throwing why it ended (or when stopping). */
  private async runSession(onEstablished: () => void): Promise<void> {
    const { host, port, username, password } = this.options;
    const actionTimeoutMs = this.options.actionTimeoutMs ?? 5000;
    const session = await AmiSession.open({
      host,
      port,
      username,
      password,
      connectTimeoutMs: actionTimeoutMs,
      actionTimeoutMs,
      onEvent: (event) => this.onEvent(event),
    });
    try {
      if (this.stopping.signal.aborted) return;
      onEstablished();
      await this.resync(session);
      this.isUp = true;
      this.upSince = new Date();
      this.log.info('AMI up', { host, port, endpointsKnown: this.table.endpointsKnown });
      await this.watch(session);
    } finally {
      // A session that failed is closed at once; one ended by stop() logs off first.
      if (this.stopping.signal.aborted) await session.logoff();
      else session.close();
    }
  }

  /** Heartbeat and periodic resync until the session fails (throws) or the monitor stops. */
  private async watch(session: AmiSession): Promise<void> {
    const pollMs = this.options.pollIntervalMs ?? 60_000;
    const heartbeatMs = this.options.heartbeatMs ?? 15_000;
    let nextResyncAt = Date.now() + pollMs;
    while (!this.stopping.signal.aborted) {
      const lost = await this.waitOrLost(session, Math.min(heartbeatMs, nextResyncAt - Date.now()));
      if (lost) throw lost;
      if (this.stopping.signal.aborted) return;
      if (Date.now() >= nextResyncAt) {
        await this.resync(session);
        nextResyncAt = Date.now() + pollMs;
      } else {
        await session.action({ Action: 'Ping' });
      }
    }
  }

  private async resync(session: AmiSession): Promise<void> {
    this.duringResync = [];
    try {
      const items = await session.list({ Action: 'PJSIPShowContacts' }, 'ContactListComplete', NO_CONTACTS);
      this.table.resync(items.flatMap(listedContact));
      for (const event of this.duringResync) this.apply(event);
      this.lastResyncAt = new Date();
      this.log.debug('AMI contacts resynced', { contacts: items.length });
    } finally {
      this.duringResync = undefined;
    }
    try {
      await this.options.onResync?.(session);
    } catch (error) {
      this.log.warn('AMI work after the resync failed; it runs again at the next one', {
        error: (error as Error).message,
      });
    }
  }

  private onEvent(event: AmiEvent): void {
    this.duringResync?.push(event);
    this.apply(event);
  }

  private apply(event: AmiEvent): void {
    const type = event.event?.toLowerCase();
    if (type === 'contactstatus') {
      const endpoint = event.endpointname || event.aor;
      if (!endpoint || !event.uri || !event.contactstatus) return;
      this.log.debug('AMI contact status', { endpoint, status: event.contactstatus });
      this.table.onContactStatus(endpoint, event.uri, event.contactstatus);
    } else if (type === 'devicestatechange' && event.device && event.state) {
      this.table.onDeviceState(event.device, event.state);
    }
  }

  /** Resolves with the reason if the session closes within `ms`, else (or on stop) with undefined. */
  private async waitOrLost(session: AmiSession, ms: number): Promise<Error | undefined> {
    return this.pause(ms, session.closed);
  }

  private async sleep(ms: number): Promise<void> {
    await this.pause(ms, new Promise<never>(() => undefined));
  }

  private async pause(ms: number, closed: Promise<Error>): Promise<Error | undefined> {
    const { signal } = this.stopping;
    if (signal.aborted) return undefined;
    let timer: NodeJS.Timeout | undefined;
    let onAbort: () => void = () => undefined;
    try {
      return await Promise.race([
        closed,
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), Math.max(0, ms));
          onAbort = () => resolve(undefined);
          signal.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  }
}

/** A ContactList event as the table reads it; items without an endpoint are AOR-only statics. */
function listedContact(item: AmiEvent): ListedContact[] {
  const endpoint = item.endpoint || item.objectname?.split(/;@|@@/)[0];
  if (!endpoint || !item.uri || !item.status) return [];
  return [{ endpoint, uri: item.uri, status: item.status }];
}
