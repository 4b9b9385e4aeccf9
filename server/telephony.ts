import path from 'node:path';
import type { Config } from '../core/config';
import type { Database } from '../core/db/database';
import { LeaderLock } from '../core/db/leader-lock';
import type { Logger } from '../core/logger';
import { loadRosterSnapshot } from '../core/roster/roster.repo';
import { RosterStore } from '../core/roster/roster.store';
import { RosterChangesListener } from '../core/roster/roster-changes.listener';
import { type CallMetrics, meteredTicketSink } from '../core/tickets/call-metrics';
import { CallTicketsRepository } from '../core/tickets/call-tickets.repo';
import { TicketOutbox } from '../core/tickets/ticket-outbox';
import { TicketRecorder } from '../core/tickets/ticket-recorder';
import { AmiMonitor } from '../ivr/ami/ami.monitor';
import type { ReachabilityView } from '../ivr/calls/reachability.port';
import { IvrService } from '../ivr/ivr.service';
import type { HealthSource } from './health';

const ROSTER_REFRESH_MS = 60_000;

export interface Telephony {
  healthSources: HealthSource[];
  /** Reloads units and rosters into the call flow (after an edit through the API). */
  refreshRoster(): Promise<void>;
  roster: RosterStore;
  /** The IVR when ARI_URL is set: live calls and callbacks go through it. */
  ivr: IvrService | undefined;
  /** The AMI monitor when AMI_HOST is set. */
  reachability: ReachabilityView | undefined;
  outboxDepth(): number;
  stop(): Promise<void>;
}

export interface TelephonyOptions {
  /** Told about every finished call (the /metrics counters). */
  metrics?: CallMetrics;
}

/**
 * The call side of the service: roster in memory, ticket recorder with its outbox, the IVR when
 * ARI_URL is set and the AMI monitor of phone reachability when AMI_HOST is set. Without ARI the
 * web side still runs (and the dialplan routes calls itself); without AMI every target rings.
 */
export async function startTelephony(
  config: Config,
  db: Database,
  logger: Logger,
  options: TelephonyOptions = {},
): Promise<Telephony> {
  const roster = new RosterStore((now) => loadRosterSnapshot(db.knex, now), config.timeZone, logger);
  await roster.refresh();
  roster.startRefreshing(ROSTER_REFRESH_MS);
  const rosterChanges = config.database.url
    ? new RosterChangesListener({ url: config.database.url, logger, onChange: () => roster.refresh() })
    : undefined;
  rosterChanges?.start();
  const refreshRoster = () => roster.refresh();

  const outbox = new TicketOutbox(path.join(config.dataDir, 'ticket-outbox'));
  const recorder = new TicketRecorder(new CallTicketsRepository(db.knex), outbox, logger, {
    timeZone: config.timeZone,
  });
  recorder.startReplaying();

  const outboxHealth: HealthSource = {
    name: 'ticketOutbox',
    health: () => ({ status: 'up', backlog: recorder.outboxBacklog, location: outbox.location }),
  };

  const ami = config.ami.host
    ? new AmiMonitor({
        host: config.ami.host,
        port: config.ami.port,
        username: config.ami.username,
        password: config.ami.password,
        logger,
      })
    : undefined;
  ami?.start();
  if (!ami) logger.warn('AMI_HOST is not set: phone reachability is unknown, so every target rings');
  const amiHealth: HealthSource = ami ?? { name: 'ami', health: () => ({ status: 'disabled' }) };

  if (!config.ari.url) {
    logger.warn(
      'ARI_URL is not set: the IVR is off (the web side runs; Asterisk routes calls by its dialplan)',
    );
    return {
      healthSources: [{ name: 'ari', health: () => ({ status: 'disabled' }) }, amiHealth, outboxHealth],
      roster,
      ivr: undefined,
      reachability: ami,
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
    logger,
    ...(ami && { reachability: ami }),
    // Several instances may share one Asterisk app on PostgreSQL; the embedded database is one process.
    ...(config.database.url && {
      leadership: new LeaderLock({
        url: config.database.url,
        name: ariLockName(config.ari.url, config.ari.app),
        logger,
      }),
    }),
  });
  ivr.start();
  return {
    healthSources: [ivr, amiHealth, outboxHealth],
    roster,
    ivr,
    reachability: ami,
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
