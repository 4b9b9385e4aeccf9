import type { IvrSettings } from '../core/config';
import type { Logger } from '../core/logger';
import type { RosterView } from '../core/roster/roster.store';
import type { TicketSink } from '../core/tickets/ticket-recorder';
import { ActiveStandby, type Leadership } from './active-standby';
import { AriConnection } from './ari/ari-connection';
import { CallRouter } from './calls/call-router';
import { CallSession } from './calls/call-session';
import {
  type CallbackReport,
  type CallbackRequest,
  type CallbackResult,
  CallbackSession,
} from './calls/callback-session';
import type { LiveCall } from './calls/live-status';
import { type InterruptedCallSink, OrphanRecovery } from './calls/orphan-recovery';
import { quietly } from './calls/quietly';
import type { ReachabilityView } from './calls/reachability.port';
import { StraySweep } from './calls/stray-sweep';

/** How long a channel found in the app must stay unowned before it counts as left by a restart. */
const ORPHAN_GRACE_MS = 500;

const DEFAULT_STRAY_SWEEP_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface IvrOptions {
  ari: { url: string; username: string; password: string; app: string };
  settings: IvrSettings;
  roster: RosterView;
  tickets: TicketSink;
  logger: Logger;
  /** Where the tickets of calls taken over after a restart are closed. */
  interruptedCalls: InterruptedCallSink;
  /** The AMI monitor's view of which phones can ring; omitted when AMI is not configured. */
  reachability?: ReachabilityView;
  /** Who of several instances on this Asterisk app takes the calls; omitted, this one always does. */
  leadership?: Leadership;
  /** After another connection took the app over, how long before competing for it again (default 30 s). */
  replacedPauseMs?: number;
  /** How often the app is swept of legs and bridges no call owns (default 30 s; each goes at its second sweep). */
  straySweepMs?: number;
  reconnect?: {
    initialBackoffMs?: number;
    maxBackoffMs?: number;
    connectTimeoutMs?: number;
    heartbeatMs?: number;
    /** A REST command Asterisk has not answered by then fails (default 10 s). */
    commandTimeoutMs?: number;
    /** REST requests in flight at once (default 50, half of Asterisk's HTTP session limit). */
    requestsInFlight?: number;
  };
}

/** The Asterisk side of the service: the supervised ARI connection and the calls it carries. */
export class IvrService {
  readonly name = 'ari';
  private readonly connection: AriConnection;
  private readonly roles: ActiveStandby;
  private readonly router: CallRouter;
  private readonly liveListeners = new Set<() => void>();
  private readonly callbacksByTicket = new Map<number, CallbackSession>();
  private readonly recovery: OrphanRecovery;
  private readonly strays: StraySweep;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: IvrOptions) {
    const log = options.logger.child({ component: 'ivr' });
    this.router = new CallRouter(
      (channel, directCode) => {
        const session: CallSession = new CallSession(
          {
            commands: this.connection.commands,
            roster: options.roster,
            tickets: options.tickets,
            settings: options.settings,
            logger: log,
            ...(options.reachability && { reachability: options.reachability }),
            claim: (id) => this.router.claim(session, id),
            onLiveChange: this.liveChanged,
          },
          channel,
          directCode,
        );
        return session;
      },
      log,
      this.liveChanged,
      (channelId) =>
        void quietly(log, `stray leg ${channelId}`, () => this.connection.commands.hangup(channelId)),
    );
    this.connection = new AriConnection({
      ...options.ari,
      ...options.reconnect,
      logger: log,
      onEvent: (event) => this.router.route(event),
      onConnected: () => void this.reconcile(),
      onReplaced: () => this.roles.replaced(),
    });
    this.recovery = new OrphanRecovery({
      commands: this.connection.commands,
      router: this.router,
      interruptedCalls: options.interruptedCalls,
      logger: log,
    });
    this.strays = new StraySweep({
      commands: this.connection.commands,
      owns: (id) => this.router.owns(id),
      logger: log,
    });
    this.roles = new ActiveStandby({
      connection: this.connection,
      leadership: options.leadership,
      logger: log,
      replacedPauseMs: options.replacedPauseMs ?? 30_000,
    });
  }

  start(): void {
    this.roles.start();
    let sweeping = false;
    this.sweepTimer = setInterval(() => {
      if (sweeping || !this.isConnected) return;
      sweeping = true;
      this.strays
        .sweep()
        .catch((error: Error) =>
          this.options.logger.warn('could not sweep the Stasis app', { error: error.message }),
        )
        .finally(() => {
          sweeping = false;
        });
    }, this.options.straySweepMs ?? DEFAULT_STRAY_SWEEP_MS);
    this.sweepTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.roles.stop();
  }

  get activeCalls(): number {
    return this.router.activeCalls;
  }

  liveCalls(): LiveCall[] {
    return this.router.liveCalls();
  }

  /** Called (synchronously, possibly often) whenever a call starts, moves or ends. */
  onLiveChange(listener: () => void): () => void {
    this.liveListeners.add(listener);
    return () => this.liveListeners.delete(listener);
  }

  get isConnected(): boolean {
    return this.connection.state === 'connected';
  }

  /** Whether a callback from this ticket is ringing or talking now. */
  hasCallbackFor(ticketId: number): boolean {
    return this.callbacksByTicket.has(ticketId);
  }

  /**
   * Places a callback: the official first, the citizen once the official answers. Returns once it
   * has started; `done` settles with the result (which `report` has also been told).
   */
  startCallback(
    request: CallbackRequest,
    report: CallbackReport,
  ): { callbackId: string; done: Promise<CallbackResult> } {
    const log = this.options.logger.child({ component: 'ivr' });
    const session: CallbackSession = new CallbackSession(
      {
        commands: this.connection.commands,
        settings: this.options.settings,
        logger: log,
        claim: (id) => this.router.claim(session, id),
        report,
        onLiveChange: this.liveChanged,
      },
      request,
    );
    this.callbacksByTicket.set(request.ticketId, session);
    let result: CallbackResult = 'failed';
    const done = this.router
      .carry(session, async () => {
        result = await session.run();
      })
      .then(() => result)
      .finally(() => this.callbacksByTicket.delete(request.ticketId));
    return { callbackId: session.callbackId, done };
  }

  private readonly liveChanged = (): void => {
    for (const listener of this.liveListeners) listener();
  };

  health() {
    return { ...this.roles.health(), activeCalls: this.router.activeCalls };
  }

  /**
   * On every connect (a restart included): the calls this instance runs learn what they missed,
   * then whatever else Asterisk holds in the app is taken charge of. A channel must still be
   * unowned after a grace: a call that entered the app just as the socket opened has its
   * StasisStart on the way. Last, the tickets of calls that ended while no instance listened are
   * closed.
   */
  private async reconcile(): Promise<void> {
    const { commands } = this.connection;
    const connectedAt = new Date();
    try {
      const claimedBefore = this.router.claimedIds();
      const [{ channelIds }, states] = await Promise.all([commands.appResources(), commands.channelStates()]);
      const present = new Map(channelIds.map((id) => [id, states.get(id) ?? '']));
      // A leg created while the listing was on its way is not in it, and is not gone either.
      for (const id of this.router.claimedIds())
        if (!claimedBefore.has(id) && !present.has(id)) present.set(id, '');
      await this.router.reconcile(present);
      await sleep(ORPHAN_GRACE_MS);
      this.strays.forget();
      const { channels, bridges } = await commands.appSnapshot();
      await this.recovery.takeCharge(
        channels.filter((channel) => !this.router.owns(channel.id)),
        bridges.filter((bridge) => !this.router.owns(bridge.id)),
      );
      // Tickets of calls that ended while no instance listened: their channel is gone, nobody owns them.
      const stillHere = new Set([...channels.map((channel) => channel.id), ...this.router.claimedIds()]);
      await this.options.interruptedCalls.closeVanished(connectedAt, stillHere);
    } catch (error) {
      this.options.logger.warn('could not reconcile the Stasis app after connecting', {
        error: (error as Error).message,
      });
    }
  }
}
