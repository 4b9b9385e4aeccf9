import assert from 'node:assert/strict';
import type { Client } from 'ari-client';
import WebSocket from 'ws';
import { type AsteriskEmulator, answers, type CallHandle, useAsteriskEmulator } from '../support/asterisk';
import {
  connectApp,
  createLegInApp,
  credentials,
  disconnect,
  eventually,
  nextEvent,
  recordEvents,
} from './ari.fixture';

const apiKey = `${credentials.username}:${credentials.password}`;

/** A bare event websocket for `app`, with every event type it receives. */
async function rawSocket(asterisk: AsteriskEmulator, app = asterisk.app) {
  const url = `${asterisk.url.replace('http', 'ws')}/ari/events?app=${app}&api_key=${apiKey}`;
  const socket = new WebSocket(url);
  const received: string[] = [];
  socket.on('message', (data) => received.push((JSON.parse(String(data)) as { type: string }).type));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  await asterisk.waitForApp(app);
  return { socket, received };
}

const closed = (socket: WebSocket) => new Promise((resolve) => socket.once('close', resolve));

describe('Asterisk emulator: the app’s websocket drops', () => {
  const clients: Client[] = [];
  let caller: CallHandle | undefined;
  afterEach(async () => {
    for (const leg of asterisk().legs()) if (leg.isAlive) leg.hangup();
    if (caller?.isAlive) caller.hangup();
    for (const ari of clients.splice(0)) await disconnect(ari);
  });
  const asterisk = useAsteriskEmulator({ ...credentials, playbackMs: () => 150 });

  async function bridgedCall(ari: Client): Promise<{ call: CallHandle; bridgeId: string }> {
    const started = nextEvent(ari, 'StasisStart');
    const call = await asterisk().placeCall({ from: '0912345678', to: '0889009412' });
    caller = call;
    await started;
    asterisk().endpoint('PJSIP/ward1', answers({ afterMs: 0 }));
    await createLegInApp(ari, 'PJSIP/ward1', 'official');
    await ari.channels.dial({ channelId: 'official' });
    const bridge = await ari.bridges.create({ type: 'mixing' });
    await ari.bridges.addChannel({ bridgeId: bridge.id, channel: [call.id, 'official'] });
    return { call, bridgeId: bridge.id };
  }

  it('keeps channels in the app and bridged calls talking, and plays the prompt to its end', async () => {
    const ari = await connectApp(asterisk());
    clients.push(ari);
    const { call, bridgeId } = await bridgedCall(ari);
    await ari.bridges.play({ bridgeId, media: 'sound:hotline/vi/please-hold' });
    await call.waitForPlayback('sound:hotline/vi/please-hold');
    asterisk().dropWebsocket();
    assert.equal(asterisk().isServing(), false);
    await call.until(() => call.heard()[0]?.status === 'finished', 'the prompt to play to its end');
    assert.equal(call.isInStasis, true);
    assert.equal(call.isBridgedWith('PJSIP/ward1'), true);
    assert.equal(asterisk().legs('PJSIP/ward1')[0]?.isInStasis, true);
    await ari.bridges.destroy({ bridgeId });
  });

  it('sends a new connection no StasisStart for channels already in the app; it lists them instead', async () => {
    const ari = await connectApp(asterisk());
    clients.push(ari);
    const { call, bridgeId } = await bridgedCall(ari);
    asterisk().dropWebsocket();
    await disconnect(ari);
    const fresh = await connectApp(asterisk());
    clients.push(fresh);
    const seen = recordEvents(fresh);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(seen, []);
    const app = await fresh.applications.get({ applicationName: 'hotline' });
    assert.deepEqual([...app.channel_ids].sort(), [call.id, 'official'].sort());
    assert.deepEqual(app.bridge_ids, [bridgeId]);
    const channels = await fresh.channels.list();
    assert.deepEqual(channels.map((c) => c.id).sort(), [call.id, 'official'].sort());
    await fresh.bridges.destroy({ bridgeId });
  });

  it('fails Stasis() of a new call (STASISSTATUS=FAILED) while no websocket serves the app', async () => {
    const ari = await connectApp(asterisk());
    clients.push(ari);
    asterisk().dropWebsocket({ refuseForMs: 200 });
    const call = await asterisk().placeCall({ from: '0912345678', to: '0889009412' });
    assert.equal(call.stasisFailed, true);
    assert.equal(call.variable('STASISSTATUS'), 'FAILED');
    assert.equal(call.isInStasis, false);
  });
});

describe('Asterisk emulator: two websockets for one app (22.10.1)', () => {
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const call of asterisk().calls()) if (call.isAlive) call.hangup();
    for (const socket of sockets.splice(0)) socket.terminate();
  });
  const asterisk = useAsteriskEmulator({ ...credentials });

  const open = async () => {
    const opened = await rawSocket(asterisk());
    sockets.push(opened.socket);
    return opened;
  };

  it('gives every later call to the newer socket; the older stays open, silent, with no ApplicationReplaced', async () => {
    const older = await open();
    const newer = await open();
    const call = await asterisk().placeCall({ from: '0912345678', to: '0889009412' });
    await call.waitFor('StasisStart');
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(newer.received, ['StasisStart']);
    assert.deepEqual(older.received, []);
    assert.equal(older.socket.readyState, WebSocket.OPEN);
  });

  it('destroys the app when the newer socket closes: new calls fail though the older one is open', async () => {
    const older = await open();
    const newer = await open();
    const gone = closed(newer.socket);
    newer.socket.close(1000);
    await gone;
    await eventually(() => !asterisk().isServing(), 'the app to be gone');
    const call = await asterisk().placeCall({ from: '0912345678', to: '0889009412' });
    assert.equal(call.variable('STASISSTATUS'), 'FAILED');
    assert.equal(older.socket.readyState, WebSocket.OPEN);
    assert.deepEqual(older.received, []);
  });
});

describe('Asterisk emulator: ApplicationReplaced for older Asterisk versions', () => {
  const clients: Client[] = [];
  afterEach(async () => {
    for (const ari of clients.splice(0)) await disconnect(ari);
  });
  const asterisk = useAsteriskEmulator({ ...credentials, sendsApplicationReplaced: true });

  it('tells the older websocket ApplicationReplaced when sendsApplicationReplaced is set', async () => {
    const older = await connectApp(asterisk());
    clients.push(older);
    const replaced = nextEvent(older, 'ApplicationReplaced');
    clients.push(await connectApp(asterisk()));
    await replaced;
  });
});

describe('Asterisk emulator: how app websockets closed', () => {
  const asterisk = useAsteriskEmulator({ ...credentials });

  it('records the close code of each app websocket: 1000/1001 for a close frame, 1006 when dropped', async () => {
    const polite = await rawSocket(asterisk());
    const politeGone = closed(polite.socket);
    polite.socket.close(1001, 'service stopping');
    await politeGone;
    const abrupt = await rawSocket(asterisk());
    const abruptGone = closed(abrupt.socket);
    abrupt.socket.terminate();
    await abruptGone;
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(asterisk().closedSockets(), [
      { app: 'hotline', code: 1001 },
      { app: 'hotline', code: 1006 },
    ]);
  });
});
