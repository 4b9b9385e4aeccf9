import { amiEndpointOf, dialTargetToString } from '../../core/domain/dial-target';
import type { DutyTarget, RosterUnit } from '../../core/domain/roster';
import type { Logger } from '../../core/logger';
import type { LiveCall } from '../../ivr/calls/live-status';
import type { ReachabilityView } from '../../ivr/calls/reachability.port';
import type { BoardContact, BoardSnapshot } from './board.schemas';

/** The IVR as the board reads it. */
export interface LiveCallsSource {
  /** Whether the switchboard (ARI) is connected now. */
  readonly isConnected: boolean;
  liveCalls(): LiveCall[];
  onLiveChange(listener: () => void): () => void;
}

/** Units and who is on duty, from the in-memory roster. */
export interface DutySource {
  activeUnits(): RosterUnit[];
  onDuty(unitId: number, at: Date): DutyTarget[];
}

export interface LiveBoardOptions {
  calls: LiveCallsSource | undefined;
  duty: DutySource;
  reachability: ReachabilityView | undefined;
  logger: Logger;
  /** At most one push per this many ms however busy the IVR is (default 500). */
  coalesceMs?: number;
  /** A push at least this often, for reachability and duty changes that raise no call event (default 5 s). */
  refreshMs?: number;
  now?: () => Date;
}

/**
 * The live board's one snapshot, built at most every `coalesceMs` and handed to every subscriber:
 * at 500 concurrent calls the IVR changes something many times a second, and building per change
 * and per viewer would cost more than the calls themselves. Per-user scoping and masking happen on
 * the built snapshot.
 */
export class LiveBoard {
  private readonly listeners = new Set<(snapshot: BoardSnapshot) => void>();
  private timer: NodeJS.Timeout | undefined;
  private refresher: NodeJS.Timeout | undefined;
  private lastPushAt = 0;
  private unsubscribe: (() => void) | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: LiveBoardOptions) {
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    this.unsubscribe = this.options.calls?.onLiveChange(() => this.changed());
    this.refresher = setInterval(() => this.push(), this.options.refreshMs ?? 5000);
    this.refresher.unref();
  }

  stop(): void {
    this.unsubscribe?.();
    clearInterval(this.refresher);
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  subscribe(listener: (snapshot: BoardSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): BoardSnapshot {
    const now = this.now();
    const calls = this.options.calls?.liveCalls() ?? [];
    return {
      at: now.toISOString(),
      telephony: this.options.calls !== undefined,
      connected: this.options.calls?.isConnected ?? false,
      calls: calls
        .map((call) => ({
          id: call.callId,
          kind: call.kind,
          stage: call.stage,
          since: call.since.toISOString(),
          receivedAt: call.receivedAt.toISOString(),
          callerNumber: call.callerNumber,
          unit: call.unit,
          party: call.party,
          ticketId: call.ticketId ?? null,
          confidential: call.confidential === true,
          leaderOnly: call.leaderOnly === true,
        }))
        .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)),
      units: this.options.duty.activeUnits().map((unit) => ({
        id: unit.id,
        code: unit.code,
        name: unit.name,
        onDuty: this.options.duty.onDuty(unit.id, now).map((target) => this.contactOf(target)),
      })),
    };
  }

  private contactOf(target: DutyTarget): BoardContact {
    const endpoint = amiEndpointOf(target.dial);
    return {
      contactId: target.contactId,
      name: target.contactName,
      dial: dialTargetToString(target.dial),
      isPhoneNumber: target.dial.kind === 'phone',
      isFallback: target.isFallback,
      reachability:
        endpoint !== null && this.options.reachability
          ? this.options.reachability.reachability(endpoint)
          : 'unknown',
    };
  }

  /** Trailing-edge coalescing: the first change schedules a push, later ones ride along. */
  private changed(): void {
    if (this.timer || this.listeners.size === 0) return;
    const wait = Math.max(0, this.lastPushAt + (this.options.coalesceMs ?? 500) - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.push();
    }, wait);
    this.timer.unref();
  }

  private push(): void {
    if (this.listeners.size === 0) return;
    this.lastPushAt = Date.now();
    let snapshot: BoardSnapshot;
    try {
      snapshot = this.snapshot();
    } catch (error) {
      this.options.logger.error('live board snapshot failed', { error });
      return;
    }
    for (const listener of this.listeners) listener(snapshot);
  }
}
