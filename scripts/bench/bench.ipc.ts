import { type ChildProcess, fork, type StdioOptions } from 'node:child_process';
import path from 'node:path';

/** What a child process answers: one async function per method, JSON in and out. */
// biome-ignore lint/suspicious/noExplicitAny: handler parameters are each API's own types
export type Api = Record<string, (params: any) => unknown>;

interface RequestMessage {
  id: number;
  method: string;
  params: unknown;
}

interface ReplyMessage {
  id: number;
  result?: unknown;
  error?: string;
}

interface NoteMessage {
  note: string;
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs in a child process: answers the parent's requests with `handlers`. The child ends when the
 * parent goes away, so a broken bench never leaves an emulator or an IVR running.
 */
export function serve(handlers: Api): void {
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: RequestMessage) => {
    const handler = handlers[message.method];
    const reply = (body: Omit<ReplyMessage, 'id'>) => process.send?.({ id: message.id, ...body });
    if (!handler) {
      reply({ error: `no method ${message.method}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.params))
      .then(
        (result) => reply({ result: result ?? null }),
        (error: unknown) =>
          reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
  });
}

/** A line of progress from a child, printed by the parent as it comes. */
export function note(text: string): void {
  process.send?.({ note: text } satisfies NoteMessage);
}

export interface ChildOptions {
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  stdio?: StdioOptions;
  onNote?(text: string): void;
}

/** A child process (a compiled entry of scripts/bench) driven by typed requests over IPC. */
export class Child<A extends Api> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  readonly exited: Promise<number | null>;
  private readonly process: ChildProcess;

  constructor(
    readonly name: string,
    scriptPath: string,
    options: ChildOptions = {},
  ) {
    this.process = fork(scriptPath, [], {
      cwd: REPO_ROOT,
      execArgv: options.nodeFlags ?? [],
      stdio: options.stdio ?? ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.process.on('message', (message: ReplyMessage | NoteMessage) => {
      if ('note' in message) {
        options.onNote?.(message.note);
        return;
      }
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(`${name}: ${message.error}`));
      else waiter.resolve(message.result);
    });
    this.exited = new Promise((resolve) => {
      this.process.once('exit', (code) => {
        for (const waiter of this.pending.values()) waiter.reject(new Error(`${name} exited (code ${code})`));
        this.pending.clear();
        resolve(code);
      });
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  call<M extends keyof A & string>(
    method: M,
    ...params: Parameters<A[M]>
  ): Promise<Awaited<ReturnType<A[M]>>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.process.send({ id, method, params: params[0] } satisfies RequestMessage);
    });
  }

  /** Lets the child finish (profiles are written on a normal exit), or kills it after `graceMs`. */
  async end(graceMs = 5000): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    this.process.disconnect();
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
