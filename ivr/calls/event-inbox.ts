import type { TelephonyEvent } from './telephony.port';

interface Waiter {
  matches(event: TelephonyEvent): boolean;
  resolve(event: TelephonyEvent): void;
}

/**
 * The reason to pass to `AbortController.abort()` when ending a wait: without one, every abort
 * builds a DOMException with a stack trace, which shows in profiles at hundreds of calls.
 */
export const WAIT_OVER = Object.freeze({ reason: 'wait over' });

export interface WaitOptions {
  timeoutMs?: number;
  /** Ends the wait early (resolving null), e.g. when a race the wait was part of is decided. */
  cancel?: AbortSignal;
}

/** The caller hung up (or the call was otherwise taken from us): every wait of the call ends with this. */
export class CallerGone extends Error {
  constructor(readonly callId: string) {
    super(`caller ${callId} left the call`);
    this.name = 'CallerGone';
  }
}

/**
 * One call's events. A step registers what it waits for before it sends the command that causes
 * it (Asterisk may answer faster than the HTTP response), and every wait ends when the caller
 * leaves, so no step outlives the call.
 */
export class EventInbox {
  private waiters = new Set<Waiter>();
  private readonly listeners = new Set<(event: TelephonyEvent) => void>();

  constructor(private readonly signal: AbortSignal) {}

  deliver(event: TelephonyEvent): void {
    for (const listener of this.listeners) listener(event);
    for (const waiter of [...this.waiters]) {
      if (waiter.matches(event)) waiter.resolve(event);
    }
  }

  /** Throws the call's end reason (CallerGone) once the call has ended: nothing new starts for it. */
  ensureOpen(): void {
    if (this.signal.aborted) throw this.signal.reason;
  }

  get isOpen(): boolean {
    return !this.signal.aborted;
  }

  /** Watches every event of the call until the returned function is called. */
  listen(listener: (event: TelephonyEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves with the first matching event, or null after `timeoutMs` or once `cancel` fires.
   * Rejects with the call's end reason (CallerGone) when the call ends first. Call it before the
   * command whose result it waits for.
   */
  waitFor(
    matches: (event: TelephonyEvent) => boolean,
    options: WaitOptions = {},
  ): Promise<TelephonyEvent | null> {
    return new Promise((resolve, reject) => {
      if (this.signal.aborted) {
        reject(this.signal.reason);
        return;
      }
      if (options.cancel?.aborted) {
        resolve(null);
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        this.signal.removeEventListener('abort', onAbort);
        options.cancel?.removeEventListener('abort', onCancel);
      };
      const waiter: Waiter = {
        matches,
        resolve: (event) => {
          finish();
          resolve(event);
        },
      };
      const onAbort = () => {
        finish();
        reject(this.signal.reason);
      };
      const onCancel = () => {
        finish();
        resolve(null);
      };
      this.signal.addEventListener('abort', onAbort, { once: true });
      options.cancel?.addEventListener('abort', onCancel, { once: true });
      this.waiters.add(waiter);
      if (options.timeoutMs !== undefined) timer = setTimeout(onCancel, options.timeoutMs);
    });
  }
}
