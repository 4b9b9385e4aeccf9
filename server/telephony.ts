import path from 'node:path';
import type { Config } from '../core/config';
import type { Database } from '../core/db/database';
import { LeaderLock } from '../core/db/leader-lock';
import { localDateTime } from '../core/domain/calendar';
import type { Logger } from '../core/logger';
import { loadMenuSnapshot } from '../core/roster/roster.repo';
import { RosterStore } from '../core/roster/roster.store';
import { RosterChangesListener } from '../core/roster/roster-changes.listener';
import { type CallMetrics, meteredTicketSink } from '../core/tickets/call-metrics';
import { CallTicketsRepository } from '../core/tickets/call-tickets.repo';
import { FallbackCallsRepository } from '../core/tickets/fallback-calls.repo';
import { InterruptedCallsRepository } from '../core/tickets/interrupted-calls.repo';
import type { RecordingStore } from '../core/tickets/recording-store.port';
import { TicketOutbox } from '../core/tickets/ticket-outbox';
import { TicketRecorder } from '../core/tickets/ticket-recorder';
import { AmiMonitor } from '../ivr/ami/ami.monitor';
import { collectFallbackCalls } from '../ivr/ami/fallback-calls.collector';
import { AriStoredRecordings } from '../ivr/ari/ari-stored-recordings';
import type { ReachabilityView } from '../ivr/calls/reachability.port';
import { type IvrOptions, IvrService } from '../ivr/ivr.service';
import type { HealthSource } from './health';

const ROSTER_REFRESH_MS = 60_000;

export interface Telephony {
  healthSources: HealthSource[];
  /** The ticket recorder and its outbox (shutdown and tests drain it). */
  tickets: TicketRecorder;
  /** Reloads units and rosters into the call flow (after an edit through the API). */
  refreshRoster(): Promise<void>;
  roster: RosterStore;
  /** The IVR when ARI_URL is set: live calls and callbacks go through it. */
  ivr: IvrService | undefined;
  /** Asterisk's stored recordings when ARI_URL is set: the API plays them, the retention job deletes them. */
  recordings: RecordingStore | undefined;
  /** The AMI monitor when AMI_HOST is set. */
  reachability: ReachabilityView | undefined;
  outboxDepth(): number;
  stop(): Promise<void>;
}

export interface TelephonyOptions {
  /** Told about every finished call (the /metrics counters). */
  metrics?: CallMetrics;
  /** What is known of phone reachability instead of an AMI monitor of its own (tests bring theirs). */
  reachability?: ReachabilityView;
  /** A ticket write the database has not confirmed by then goes to the outbox (default 3 s). */
  ticketWriteTimeoutMs?: number;
  /** The ARI connection's backoff and timeouts (tests shorten them). */
  ariReconnect?: IvrOptions['reconnect'];
  /**
   * Which instance takes the calls: by default a PostgreSQL lock named after ARI_URL's host and
   * ARI_APP (none on the embedded database, one process); null for none, or a lock of its own.
   */
  leadership?: LeaderLock | null;
  /** How long an instance whose app was taken over waits before it competes again (default 30 s). */
  replacedPauseMs?: number;
  /** How often the app is swept of legs and bridges no call owns (default 30 s). */
  straySweepMs?: number;
  /** Told when another instance announces a change to units or rosters (the API's unit codes). */
  onRosterNotice?: () => void;
}

/**
 * The call side of the service: roster in memory, ticket recorder with its outbox, the IVR when
 * ARI_URL is set and the AMI monitor of phone reachability when AMI_HOST is set. Without ARI the
 * web side still runs (and the dialplan routes calls itself); without AMI every target rings.
 * This is the one place the IVR is composed: the service, the IVR tests and the IVR benchmark
 * all run it, so what they check is what production runs.
 */
export async function startTelephony(
  config: Config,
  db: Database,
  logger: Logger,
  options: TelephonyOptions = {},
): Promise<Telephony> {
  const roster = new RosterStore((now) => loadMenuSnapshot(db.knex, now), config.timeZone, logger);
  await roster.refresh();
  roster.startRefreshing(ROSTER_REFRESH_MS);
  const rosterChanges = config.database.url
    ? new RosterChangesListener({
        url: config.database.url,
        logger,
        onChange: () => {
          options.onRosterNotice?.();
          return roster.refresh();
        },
      })
    : undefined;
  rosterChanges?.start();
  const refreshRoster = () => roster.refresh();

  const outbox = new TicketOutbox(path.join(config.dataDir, 'ticket-outbox'));
  const ticketsRepo = new CallTicketsRepository(db.knex, logger);
  const interruptedCalls = new InterruptedCallsRepository(
    db.knex,
    ticketsRepo,
    (at) => localDateTime(at, config.timeZone).year,
  );
  const fallbackCalls = new FallbackCallsRepository(
    db.knex,
    ticketsRepo,
    (at) => localDateTime(at, config.timeZone).year,
  );
  const recorder = new TicketRecorder(ticketsRepo, outbox, logger, {
    timeZone: config.timeZone,
    ...(options.ticketWriteTimeoutMs !== undefined && { writeTimeoutMs: options.ticketWriteTimeoutMs }),
  });
  recorder.startReplaying();

  const outboxHealth: HealthSource = {
    name: 'ticketOutbox',
    health: () => ({ status: 'up', backlog: recorder.outboxBacklog }),
  };

  const ami = options.reachability
    ? undefined
    : config.ami.host
      ? new AmiMonitor({
          host: config.ami.host,
          port: config.ami.port,
          username: config.ami.username,
          password: config.ami.password,
          logger,
          onResync: async (session) => {
            await collectFallbackCalls(session, fallbackCalls, logger);
          },
        })
      : undefined;
  ami?.start();
  const reachability = options.reachability ?? ami;
  if (!reachability)
    logger.warn(
      'AMI_HOST is not set: phone reachability is unknown (every target rings), and calls the dialplan fallback handled while the service was down cannot become tickets',
    );
  const amiHealth: HealthSource = ami ?? { name: 'ami', health: () => ({ status: 'disabled' }) };

  if (!config.ari.url) {
    logger.warn(
      'ARI_URL is not set: the IVR is off (the web side runs; Asterisk routes calls by its dialplan)',
    );
    return {
      healthSources: [{ name: 'ari', health: () => ({ status: 'disabled' }) }, amiHealth, outboxHealth],
      tickets: recorder,
      roster,
      ivr: undefined,
      recordings: undefined,
      reachability,
      outboxDepth: () => recorder.outboxBacklog,
      refreshRoster,
      async stop() {
        await rosterChanges?.stop();
        await ami?.stop();
        roster.stopRefreshing();
        recorder.stopReplaying();
        await recorder.drain();
      },
    };
  }

  // Several instances may share one Asterisk app on PostgreSQL; the embedded database is one process.
  const leadership =
    options.leadership === undefined
      ? config.database.url
        ? new LeaderLock({
            url: config.database.url,
            name: ariLockName(config.ari.url, config.ari.app),
            logger,
          })
        : undefined
      : (options.leadership ?? undefined);
  const ivr = new IvrService({
    ari: {
      url: config.ari.url,
      username: config.ari.username,
      password: config.ari.password,
      app: config.ari.app,
    },
    settings: config.ivr,
    roster,
    tickets: options.metrics ? meteredTicketSink(recorder, options.metrics) : recorder,
    interruptedCalls: {
      close: (call) =>
        interruptedCalls.close(call).catch((error: unknown) => {
          logger.error('could not close the ticket of a call interrupted by a restart', {
            callId: call.channelId,
            error,
          });
        }),
      closeVanished: async (openBefore, stillHere) => {
        try {
          const closed = await interruptedCalls.closeVanished(openBefore, stillHere);
          if (closed > 0)
            logger.warn('closed the tickets of calls that ended while no instance listened', { closed });
        } catch (error) {
          logger.error('could not close the tickets of calls that ended while no instance listened', {
            error,
          });
        }
      },
    },
    logger,
    ...(reachability && { reachability }),
    ...(options.ariReconnect && { reconnect: options.ariReconnect }),
    ...(leadership && { leadership }),
    ...(options.replacedPauseMs !== undefined && { replacedPauseMs: options.replacedPauseMs }),
    ...(options.straySweepMs !== undefined && { straySweepMs: options.straySweepMs }),
  });
  ivr.start();
  return {
    healthSources: [ivr, amiHealth, outboxHealth],
    tickets: recorder,
    roster,
    ivr,
    recordings: new AriStoredRecordings({
      url: config.ari.url,
      username: config.ari.username,
      password: config.ari.password,
    }),
    reachability,
    outboxDepth: () => recorder.outboxBacklog,
    refreshRoster,
    async stop() {
      await rosterChanges?.stop();
      await ivr.stop();
      await ami?.stop();
      roster.stopRefreshing();
      recorder.stopReplaying();
      await recorder.drain();
    },
  };
}

/** Instances pointed at the same Asterisk (host and port of ARI_URL) and app compete for one lock. */
function ariLockName(ariUrl: string, app: string): string {
  return `ari ${new URL(ariUrl).host}/${app}`;
}
