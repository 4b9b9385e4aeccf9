import AsteriskManager, { type Manager, type ManagerMessage } from 'asterisk-manager';
import { TimeoutError, withTimeout } from '../../core/async/with-timeout';

/** An AMI failure with the action or step it happened in. */
export class AmiError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AmiError';
  }
}

/** Asterisk answered an action with `Response: Error`. */
export class AmiRefusal extends AmiError {
  constructor(
    readonly action: string,
    readonly response: AmiEvent,
  ) {
    super(`AMI ${action} refused: ${response.message ?? 'Error'}`);
    this.name = 'AmiRefusal';
  }
}

/** An AMI message with its headers as asterisk-manager gives them (lower-cased names). */
export type AmiEvent = Readonly<Record<string, string | undefined>>;

export interface AmiSessionOptions {
  host: string;
  port: number;
  username: string;
  password: string;
  /** Connecting and logging in must finish within this, or the attempt is abandoned. */
  connectTimeoutMs: number;
  /** Every action (and a list's last item) must be answered within this. */
  actionTimeoutMs: number;
  onEvent(event: AmiEvent): void;
}

/** Repeated headers come as arrays from asterisk-manager; the first one is the one we read. */
function flatten(message: ManagerMessage): AmiEvent {
  return Object.fromEntries(
    Object.entries(message).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
}

let actionSequence = 0;
const nextActionId = () => {
  actionSequence += 1;
  return `hotline-${process.pid}-${actionSequence}`;
};

/**
 * One logged-in AMI connection over asterisk-manager 0.2, used for one lifetime only: the monitor
 * opens a new session after any loss instead of relying on the library's keepConnected() (a
 * fixed 10–60 s backoff, console output, and actions held forever while logged out). The library
 * has no timeouts and reports connection errors only to listeners, so this class adds both:
 * every action is raced against a timer, and 'close' rejects whatever is still pending.
 */
export class AmiSession {
  private readonly pending = new Map<string, (error: Error) => void>();
  private closedWith: Error | undefined;
  /** Resolves with the reason once the connection is gone (never rejects). */
  readonly closed: Promise<Error>;
  private markClosed!: (reason: Error) => void;

  private constructor(
    private readonly manager: Manager,
    private readonly options: AmiSessionOptions,
  ) {
    this.closed = new Promise((resolve) => {
      this.markClosed = resolve;
    });
  }

  static async open(options: AmiSessionOptions): Promise<AmiSession> {
    const { host, port, username, password, connectTimeoutMs } = options;
    // Without a port the constructor does not connect: its own auto-login would drop a refusal silently.
    const manager = AsteriskManager(undefined, host, username, password, true);
    const session = new AmiSession(manager, options);
    session.listen();
    const where = `${host}:${port}`;
    const established = (async () => {
      await new Promise<void>((resolve, reject) => {
        manager.connect(port, host, () => resolve());
        void session.closed.then(reject);
      });
      await new Promise<void>((resolve, reject) => {
        manager.login((refusal) => {
          if (refusal) reject(new AmiError(`AMI login as "${username}" refused: ${String(refusal.message)}`));
          else resolve();
        });
        void session.closed.then(reject);
      });
    })();
    try {
      await withTimeout(established, connectTimeoutMs, `connecting to AMI at ${where}`, () =>
        session.close(),
      );
      return session;
    } catch (error) {
      session.close();
      if (error instanceof AmiError || error instanceof TimeoutError) throw error;
      throw new AmiError(`AMI at ${where}: ${(error as Error).message}`, { cause: error });
    }
  }

  get isOpen(): boolean {
    return this.closedWith === undefined;
  }

  /** Sends an action and resolves with its response; an `Error` response rejects. */
  action(fields: Record<string, string>): Promise<AmiEvent> {
    const id = nextActionId();
    return withTimeout(this.exchange(fields, id), this.options.actionTimeoutMs, `AMI ${fields.Action}`, () =>
      this.abandon(id),
    );
  }

  /**
   * Sends a list action ("will follow") and resolves with its items once `completeEvent` arrives.
   * An Error response matching `emptyMessage` is an empty list: Asterisk answers PJSIPShowContacts
   * with "No Contacts found" rather than an empty listing.
   */
  async list(
    fields: Record<string, string>,
    completeEvent: string,
    emptyMessage: RegExp,
  ): Promise<AmiEvent[]> {
    const id = nextActionId();
    const items: AmiEvent[] = [];
    let completed: () => void = () => undefined;
    const complete = new Promise<void>((resolve) => {
      completed = resolve;
    });
    // Listening before sending: the items can arrive in the same packet as the response.
    const onItem = (raw: ManagerMessage) => {
      if (raw.actionid !== id) return;
      const event = flatten(raw);
      if (event.event?.toLowerCase() === completeEvent.toLowerCase()) completed();
      else items.push(event);
    };
    this.manager.on('managerevent', onItem);
    const work = (async () => {
      try {
        await this.exchange(fields, id);
      } catch (error) {
        if (error instanceof AmiRefusal && emptyMessage.test(error.response.message ?? '')) return [];
        throw error;
      }
      await Promise.race([complete, this.closed.then((reason) => Promise.reject(reason))]);
      return items;
    })();
    try {
      return await withTimeout(work, this.options.actionTimeoutMs, `AMI ${fields.Action}`, () =>
        this.abandon(id),
      );
    } finally {
      this.manager.removeListener('managerevent', onItem);
    }
  }

  /** Logs off politely when the connection still works, then closes it. */
  async logoff(): Promise<void> {
    if (!this.isOpen) return;
    try {
      await withTimeout(this.action({ Action: 'Logoff' }), 500, 'AMI Logoff', () => undefined);
    } catch {
      // Closing anyway: a session that cannot log off is being abandoned.
    }
    this.close();
  }

  close(): void {
    this.manager.disconnect();
    this.settleClosed(new AmiError('AMI session closed by the monitor'));
  }

  private listen(): void {
    const where = `${this.options.host}:${this.options.port}`;
    let lastError: Error | undefined;
    this.manager.on('error', (error: Error) => {
      lastError = error;
    });
    this.manager.on('close', () => {
      const reason = lastError ? `${lastError.message}` : 'connection closed by Asterisk';
      this.settleClosed(new AmiError(`AMI at ${where}: ${reason}`, { cause: lastError }));
    });
    this.manager.on('managerevent', (raw: ManagerMessage) => {
      if (!this.isOpen) return;
      this.options.onEvent(flatten(raw));
    });
  }

  private settleClosed(reason: Error): void {
    if (this.closedWith) return;
    this.closedWith = reason;
    this.markClosed(reason);
    for (const reject of this.pending.values()) reject(reason);
    this.pending.clear();
  }

  /** Sends one action and waits for the response carrying its ActionID; no timer of its own. */
  private exchange(fields: Record<string, string>, id: string): Promise<AmiEvent> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    return new Promise<AmiEvent>((resolve, reject) => {
      this.pending.set(id, reject);
      // asterisk-manager reads the ActionID from the lower-case key only.
      this.manager.action({ ...fields, actionid: id }, (refusal, response) => {
        this.pending.delete(id);
        if (refusal) reject(new AmiRefusal(fields.Action ?? 'action', flatten(refusal)));
        else resolve(flatten(response));
      });
    });
  }

  /** Forgets an action that timed out, so a late answer finds no one waiting. */
  private abandon(id: string): void {
    this.pending.delete(id);
    this.manager.removeAllListeners(id);
  }
}
