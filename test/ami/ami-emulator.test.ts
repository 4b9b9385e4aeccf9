import assert from 'node:assert/strict';
import net from 'node:net';
import { useAmiEmulator } from '../support/ami';

/** A bare AMI client over a socket: what Asterisk writes, byte for byte, message by message. */
class RawClient {
  private buffered = '';
  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffered += chunk;
    });
  }

  static async connect(port: number): Promise<RawClient> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    return new RawClient(socket);
  }

  send(lines: string[]): void {
    this.socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  }

  /** Waits until `count` complete messages (or the greeting line) arrived and takes them. */
  async take(count: number): Promise<string[]> {
    const deadline = Date.now() + 1000;
    for (;;) {
      const parts = this.buffered.split('\r\n\r\n');
      if (parts.length > count) {
        this.buffered = parts.slice(count).join('\r\n\r\n');
        return parts.slice(0, count);
      }
      if (Date.now() > deadline) throw new Error(`expected ${count} messages, have: ${this.buffered}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async closedByServer(): Promise<void> {
    if (this.socket.readableEnded) return;
    await new Promise((resolve) => this.socket.once('end', resolve));
  }

  close(): void {
    this.socket.destroy();
  }
}

describe('AMI emulator: the wire as Asterisk writes it', () => {
  const ami = useAmiEmulator({ username: 'hotline', password: 'secret' });
  let client: RawClient | undefined;
  afterEach(() => client?.close());

  async function loggedIn(): Promise<RawClient> {
    client = await RawClient.connect(ami().port);
    client.send(['Action: Login', 'ActionID: 1', 'Username: hotline', 'Secret: secret']);
    const [greetingAndLogin, booted] = await client.take(2);
    assert.equal(
      greetingAndLogin,
      'Asterisk Call Manager/9.0.0\r\nResponse: Success\r\nActionID: 1\r\nMessage: Authentication accepted',
    );
    assert.match(booted ?? '', /^Event: FullyBooted\r\nPrivilege: system,all\r\n/);
    return client;
  }

  it('greets, accepts a login and answers Ping with its ActionID', async () => {
    const c = await loggedIn();
    c.send(['Action: Ping', 'ActionID: p-7']);
    const [pong] = await c.take(1);
    assert.match(pong ?? '', /^Response: Success\r\nActionID: p-7\r\nPing: Pong\r\nTimestamp: \d+\.\d{6}$/);
  });

  it('refuses bad credentials with "Authentication failed" and closes the session', async () => {
    client = await RawClient.connect(ami().port);
    client.send(['Action: Login', 'ActionID: 1', 'Username: hotline', 'Secret: wrong']);
    const [refusal] = await client.take(1);
    assert.equal(
      refusal,
      'Asterisk Call Manager/9.0.0\r\nResponse: Error\r\nActionID: 1\r\nMessage: Authentication failed',
    );
    await client.closedByServer();
  });

  it('lists contacts: Success "will follow", one ContactList each, then ContactListComplete', async () => {
    ami().setContact('ward1', 'Reachable').setContact('ward12', 'Unreachable');
    const c = await loggedIn();
    c.send(['Action: PJSIPShowContacts', 'ActionID: list-1']);
    const [ack, first, second, complete] = await c.take(4);
    assert.equal(
      ack,
      'Response: Success\r\nActionID: list-1\r\nEventList: start\r\nMessage: A listing of Contacts follows, presented as ContactList events',
    );
    assert.match(
      first ?? '',
      /^Event: ContactList\r\nActionID: list-1\r\nObjectType: contact\r\nObjectName: ward1;@[0-9a-f]{32}\r\n/,
    );
    assert.match(first ?? '', /\r\nEndpoint: ward1\r\n.*\r\nUri: sip:ward1@192\.0\.2\.10:5060\r\n/s);
    assert.match(first ?? '', /\r\nStatus: Reachable\r\nRoundtripUsec: \d+$/);
    assert.match(second ?? '', /\r\nStatus: Unreachable\r\nRoundtripUsec: N\/A$/);
    assert.equal(
      complete,
      'Event: ContactListComplete\r\nActionID: list-1\r\nEventList: Complete\r\nListItems: 2',
    );
  });

  it('answers an empty PJSIPShowContacts with the error Asterisk gives', async () => {
    const c = await loggedIn();
    c.send(['Action: PJSIPShowContacts', 'ActionID: list-2']);
    assert.deepEqual(await c.take(1), ['Response: Error\r\nActionID: list-2\r\nMessage: No Contacts found']);
  });

  it('pushes ContactStatus and DeviceStateChange to logged-in sessions', async () => {
    const c = await loggedIn();
    ami().setContact('ward1', 'Reachable');
    const [created, reachable, device] = await c.take(3);
    assert.match(
      created ?? '',
      /^Event: ContactStatus\r\nPrivilege: system,all\r\nURI: sip:ward1@192\.0\.2\.10:5060\r\nContactStatus: Created\r\nAOR: ward1\r\nEndpointName: ward1\r\nRoundtripUsec: \d+$/,
    );
    assert.match(reachable ?? '', /\r\nContactStatus: Reachable\r\n/);
    assert.equal(
      device,
      'Event: DeviceStateChange\r\nPrivilege: call,all\r\nDevice: PJSIP/ward1\r\nState: NOT_INUSE',
    );
    ami().removeContact('ward1');
    const [removed, unavailable] = await c.take(2);
    assert.match(removed ?? '', /\r\nContactStatus: Removed\r\n/);
    assert.match(unavailable ?? '', /\r\nState: UNAVAILABLE$/);
  });

  it('denies actions before login, says Goodbye on Logoff and closes', async () => {
    client = await RawClient.connect(ami().port);
    client.send(['Action: Ping', 'ActionID: early']);
    const [denied] = await client.take(1);
    assert.equal(
      denied,
      'Asterisk Call Manager/9.0.0\r\nResponse: Error\r\nActionID: early\r\nMessage: Permission denied',
    );
    client.send(['Action: Logoff', 'ActionID: bye']);
    assert.deepEqual(await client.take(1), [
      'Response: Goodbye\r\nActionID: bye\r\nMessage: Thanks for all the fish.',
    ]);
    await client.closedByServer();
  });
});
