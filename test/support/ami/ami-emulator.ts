// Past 300 lines on purpose: one class, the AMI server of a test, whose actions (Login, Logoff, Ping, PJSIPShowContacts,
// and DBGetTree/DBDel over the fallback's AstDB records) share each session's state and
// answer as Asterisk's manager.c does; the wire format and contacts are in ami.wire.ts and contacts.ts.
import net from 'node:net';
import { type AmiFields, type AmiMessage, formatMessage, parseMessages } from './ami.wire';
import { ContactRegistry, type ContactStatusName, deviceStateEvent } from './contacts';

export interface AmiEmulatorOptions {
  username: string;
  password: string;
  /** Asterisk sleeps 1 s before answering a bad login; tests keep it short (default 0). */
  loginFailureDelayMs?: number;
}

/** An action a client sent, as the emulator received it. */
export interface AmiActionRecord {
  action: string;
  fields: AmiFields;
  authenticated: boolean;
}

interface Session {
  socket: net.Socket;
  buffered: string;
  authenticated: boolean;
  /** Login with `Events: off` asks Asterisk for no events on this session. */
  wantsEvents: boolean;
}

const GREETING = 'Asterisk Call Manager/9.0.0\r\n';

/**
 * A real TCP server on 127.0.0.1 speaking AMI like Asterisk 20's manager.c for what the hotline
 * uses: Login, Ping, PJSIPShowContacts, Logoff, and ContactStatus / DeviceStateChange events that
 * tests raise by changing the "phones". Tests also break it: drop connections, refuse logins,
 * stop answering actions, stop and start the server on the same port.
 */
export class AmiEmulator {
  private readonly sessions = new Set<Session>();
  private readonly contacts = new ContactRegistry();
  private readonly received: AmiActionRecord[] = [];
  /** Asterisk's AstDB, keyed as its sqlite table is: `/family/key`. */
  private readonly astdb = new Map<string, string>();
  private server: net.Server | undefined;
  private loginsRefused = false;
  private actionsIgnored = false;
  private loginCount = 0;

  private boundPort = 0;
  readonly host = '127.0.0.1';

  private constructor(private readonly options: AmiEmulatorOptions) {}

  static async start(options: AmiEmulatorOptions): Promise<AmiEmulator> {
    const emulator = new AmiEmulator(options);
    await emulator.listen();
    return emulator;
  }

  /** Chosen at start and kept across stop/restart, as Asterisk's 5038 is. */
  get port(): number {
    return this.boundPort;
  }

  /** Listens again on the same port after `stop()` (Asterisk coming back). */
  async restart(): Promise<void> {
    if (this.server) return;
    await this.listen();
  }

  /** Closes the listener and every session at once (Asterisk going down). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.dropConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resets every session (a network cut); the listener stays, so clients can reconnect. */
  dropConnections(): void {
    for (const session of this.sessions) session.socket.resetAndDestroy();
    this.sessions.clear();
  }

  /** While set, every login is answered "Authentication failed" and the session closed. */
  refuseLogins(refuse = true): void {
    this.loginsRefused = refuse;
  }

  /** While set, actions get no response at all (a wedged Asterisk). */
  ignoreActions(ignore = true): void {
    this.actionsIgnored = ignore;
  }

  /** Registers (or re-qualifies) `endpoint`'s contact with that status, raising Asterisk's events. */
  setContact(endpoint: string, status: ContactStatusName = 'Reachable'): this {
    this.broadcast(this.contacts.set(endpoint, status));
    return this;
  }

  /** The endpoint's contact unregisters or expires. */
  removeContact(endpoint: string): this {
    this.broadcast(this.contacts.remove(endpoint));
    return this;
  }

  deviceState(device: string, state: string): this {
    this.broadcast([deviceStateEvent(device, state)]);
    return this;
  }

  /** Any other event, e.g. `[['Event', 'PeerStatus'], ...]`. */
  pushEvent(fields: AmiFields): this {
    this.broadcast([fields]);
    return this;
  }

  get isListening(): boolean {
    return this.server !== undefined;
  }

  /** Sessions logged in now. */
  get loggedIn(): number {
    return [...this.sessions].filter((session) => session.authenticated).length;
  }

  /** Login actions received since start or `reset()`, accepted or not. */
  get logins(): number {
    return this.loginCount;
  }

  actions(name?: string): AmiActionRecord[] {
    return this.received.filter(
      (record) => name === undefined || record.action.toLowerCase() === name.toLowerCase(),
    );
  }

  /**
   * Back to a fresh Asterisk between tests: no failure modes, no history, and every contact
   * unregistered (clients still logged in hear ContactStatus Removed, so they forget them too).
   */
  reset(): void {
    this.loginsRefused = false;
    this.actionsIgnored = false;
    this.broadcast(this.contacts.removeAll());
    this.loginCount = 0;
    this.received.length = 0;
    this.astdb.clear();
  }

  /** Waits (checking every 5 ms) until `predicate` holds; fails naming `what`. */
  async until(predicate: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error(`AMI emulator: timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private async listen(): Promise<void> {
    const server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, this.host, () => resolve());
    });
    this.server = server;
    this.boundPort = (server.address() as net.AddressInfo).port;
  }

  private accept(socket: net.Socket): void {
    const session: Session = { socket, buffered: '', authenticated: false, wantsEvents: true };
    this.sessions.add(session);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      session.buffered += chunk;
      const { messages, rest } = parseMessages(session.buffered);
      session.buffered = rest;
      for (const message of messages) void this.handle(session, message);
    });
    socket.on('error', () => this.sessions.delete(session));
    socket.on('close', () => this.sessions.delete(session));
    socket.write(GREETING);
  }

  private async handle(session: Session, message: AmiMessage): Promise<void> {
    const action = message.action.toLowerCase();
    this.received.push({
      action: message.action,
      fields: message.fields,
      authenticated: session.authenticated,
    });
    if (action === 'login') return this.login(session, message);
    if (this.actionsIgnored) return;
    if (action === 'logoff') {
      this.reply(session, message, [
        ['Response', 'Goodbye'],
        ['Message', 'Thanks for all the fish.'],
      ]);
      session.socket.end();
      return;
    }
    if (!session.authenticated) {
      this.reply(session, message, [
        ['Response', 'Error'],
        ['Message', 'Permission denied'],
      ]);
      return;
    }
    if (action === 'ping') {
      const timestamp = (Date.now() / 1000).toFixed(6);
      this.reply(session, message, [
        ['Response', 'Success'],
        ['Ping', 'Pong'],
        ['Timestamp', timestamp],
      ]);
    } else if (action === 'pjsipshowcontacts') {
      this.showContacts(session, message);
    } else if (action === 'dbgettree') {
      this.dbGetTree(session, message);
    } else if (action === 'dbdel') {
      this.dbDel(session, message);
    } else {
      this.reply(session, message, [
        ['Response', 'Error'],
        [
          'Message',
          `Invalid/unknown command: ${message.action}. Use Action: ListCommands to show available commands.`,
        ],
      ]);
    }
  }

  private async login(session: Session, message: AmiMessage): Promise<void> {
    this.loginCount += 1;
    const { username, password, loginFailureDelayMs = 0 } = this.options;
    const accepted =
      !this.loginsRefused && message.get('Username') === username && message.get('Secret') === password;
    if (!accepted) {
      if (loginFailureDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, loginFailureDelayMs));
      this.reply(session, message, [
        ['Response', 'Error'],
        ['Message', 'Authentication failed'],
      ]);
      // manager.c returns -1 from action_login: the session ends.
      session.socket.end();
      return;
    }
    if (this.actionsIgnored) return;
    session.authenticated = true;
    session.wantsEvents = message.get('Events').toLowerCase() !== 'off';
    this.reply(session, message, [
      ['Response', 'Success'],
      ['Message', 'Authentication accepted'],
    ]);
    this.send(session, [
      ['Event', 'FullyBooted'],
      ['Privilege', 'system,all'],
      ['Uptime', '3600'],
      ['LastReload', '3600'],
      ['Status', 'Fully Booted'],
    ]);
  }

  private showContacts(session: Session, message: AmiMessage): void {
    const items = this.contacts.listItems();
    if (items.length === 0) {
      this.reply(session, message, [
        ['Response', 'Error'],
        ['Message', 'No Contacts found'],
      ]);
      return;
    }
    this.reply(session, message, [
      ['Response', 'Success'],
      ['EventList', 'start'],
      ['Message', 'A listing of Contacts follows, presented as ContactList events'],
    ]);
    const withId = (fields: AmiFields): AmiFields =>
      message.actionId === ''
        ? fields
        : [fields[0] as [string, string], ['ActionID', message.actionId], ...fields.slice(1)];
    for (const item of items) this.send(session, withId(item));
    this.send(
      session,
      withId([
        ['Event', 'ContactListComplete'],
        ['EventList', 'Complete'],
        ['ListItems', String(items.length)],
      ]),
    );
  }

  /** What the dialplan's `Set(DB(family/key)=value)` does. */
  dbPut(family: string, key: string, value: string): this {
    this.astdb.set(`/${family}/${key}`, value);
    return this;
  }

  /** What `${DB(family/key)}` reads; undefined when there is no such entry. */
  dbGet(family: string, key: string): string | undefined {
    return this.astdb.get(`/${family}/${key}`);
  }

  /** main/db.c manager_db_tree_get (Asterisk 18.14+, 20+): one DBGetTreeResponse per key under the prefix. */
  private dbGetTree(session: Session, message: AmiMessage): void {
    const family = message.get('Family');
    const key = message.get('Key');
    const prefix = family === '' ? '' : key === '' ? `/${family}` : `/${family}/${key}`;
    const rows = [...this.astdb.entries()].filter(
      ([name]) => prefix === '' || name === prefix || name.startsWith(`${prefix}/`),
    );
    this.reply(session, message, [
      ['Response', 'Success'],
      ['EventList', 'start'],
      ['Message', 'Result will follow'],
    ]);
    const id: AmiFields = message.actionId === '' ? [] : [['ActionID', message.actionId]];
    for (const [name, value] of rows) {
      this.send(session, [['Event', 'DBGetTreeResponse'], ['Key', name], ['Val', value], ...id]);
    }
    this.send(session, [
      ['Event', 'DBGetTreeComplete'],
      ...id,
      ['EventList', 'Complete'],
      ['ListItems', String(rows.length)],
    ]);
  }

  private dbDel(session: Session, message: AmiMessage): void {
    const family = message.get('Family');
    const key = message.get('Key');
    if (family === '' || key === '') {
      this.reply(session, message, [
        ['Response', 'Error'],
        ['Message', family === '' ? 'No family specified.' : 'No key specified.'],
      ]);
      return;
    }
    const deleted = this.astdb.delete(`/${family}/${key}`);
    this.reply(
      session,
      message,
      deleted
        ? [
            ['Response', 'Success'],
            ['Message', 'Key deleted successfully'],
          ]
        : [
            ['Response', 'Error'],
            ['Message', 'Database entry not found'],
          ],
    );
  }

  /** A response: Response first, then the ActionID echoed when the action had one (astman_start_ack). */
  private reply(session: Session, message: AmiMessage, fields: AmiFields): void {
    const [response, ...rest] = fields;
    const id: AmiFields = message.actionId === '' ? [] : [['ActionID', message.actionId]];
    this.send(session, [response as [string, string], ...id, ...rest]);
  }

  private broadcast(events: AmiFields[]): void {
    for (const session of this.sessions) {
      if (!session.authenticated || !session.wantsEvents) continue;
      for (const event of events) this.send(session, event);
    }
  }

  private send(session: Session, fields: AmiFields): void {
    if (!session.socket.writable) return;
    session.socket.write(formatMessage(fields));
  }
}
