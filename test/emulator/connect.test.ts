import assert from 'node:assert/strict';
import type { Client } from 'ari-client';
import { useAsteriskEmulator } from '../support/asterisk';
import { connectApp, credentials, disconnect, nextEvent } from './ari.fixture';

describe('Asterisk emulator: connection and inbound calls', () => {
  const asterisk = useAsteriskEmulator({ ...credentials });
  let ari: Client | undefined;

  afterEach(async () => {
    await disconnect(ari);
    ari = undefined;
  });

  it('lets ari-client load the API and start the app, then raises StasisStart in state Ring with the args', async () => {
    ari = await connectApp(asterisk());
    const started = nextEvent<{
      args: string[];
      channel: { id: string; state: string; caller: { number: string }; dialplan: { exten: string } };
    }>(ari, 'StasisStart');
    const call = await asterisk().placeCall({ from: '0912345678', to: '0889009412', args: ['12'] });
    const event = await started;
    assert.deepEqual(event.args, ['12']);
    assert.equal(event.channel.id, call.id);
    assert.equal(event.channel.state, 'Ring');
    assert.equal(event.channel.caller.number, '0912345678');
    assert.equal(event.channel.dialplan.exten, '0889009412');
    assert.match(call.id, /^\d{10}\.\d+$/);
    call.hangup();
  });
});

describe('Asterisk emulator: auth, websockets and failover', () => {
  const asterisk = useAsteriskEmulator({ ...credentials });
  const clients: Client[] = [];
  const connect = async () => {
    const ari = await connectApp(asterisk());
    clients.push(ari);
    return ari;
  };

  afterEach(async () => {
    for (const ari of clients.splice(0)) await disconnect(ari);
  });

  it('answers 401 without credentials and accepts basic auth or api_key', async () => {
    const url = `${asterisk().url}/ari/asterisk/info`;
    const refused = await fetch(url);
    assert.equal(refused.status, 401);
    assert.deepEqual(await refused.json(), { message: 'Authentication required' });
    assert.equal((await fetch(`${url}?api_key=hotline:wrong`)).status, 401);
    assert.equal((await fetch(`${url}?api_key=hotline:secret`)).status, 200);
    const basic = `Basic ${Buffer.from('hotline:secret').toString('base64')}`;
    assert.equal((await fetch(url, { headers: { authorization: basic } })).status, 200);
  });

  it('serves a Swagger 1.1 resource listing naming the 11 resources', async () => {
    const response = await fetch(`${asterisk().url}/ari/api-docs/resources.json?api_key=hotline:secret`);
    const listing = (await response.json()) as {
      swaggerVersion: string;
      basePath: string;
      apis: { path: string }[];
    };
    assert.equal(listing.swaggerVersion, '1.1');
    assert.equal(listing.basePath, `${asterisk().url}/ari`);
    assert.equal(listing.apis.length, 11);
  });

  it('falls back to the dialplan (STASISSTATUS=FAILED) when no websocket serves the app', async () => {
    const call = await asterisk().placeCall({ from: '0912345678', to: '0889009412' });
    assert.equal(call.stasisFailed, true);
    assert.equal(call.variable('STASISSTATUS'), 'FAILED');
    assert.deepEqual(asterisk().leftovers().channels, []);
  });

  it('keeps channels in Stasis across a websocket drop; after reconnecting the app lists them', async () => {
    const ari = await connect();
    const started = nextEvent(ari, 'StasisStart');
    const call = await asterisk().placeCall({ from: '0912345678', to: '0889009412' });
    await started;
    asterisk().dropWebsocket();
    assert.equal(asterisk().isServing(), false);
    await asterisk().waitForApp();
    const app = await ari.applications.get({ applicationName: 'hotline' });
    assert.deepEqual(app.channel_ids, [call.id]);
    assert.equal(call.isInStasis, true);
    await ari.channels.hangup({ channelId: call.id });
  });

  it('logs the REST requests so a test can assert what the app asked for', async () => {
    const ari = await connect();
    const started = nextEvent<{ channel: { id: string } }>(ari, 'StasisStart');
    const call = await asterisk().placeCall({ from: '0912345678', to: '0889009412' });
    await ari.channels.answer({ channelId: (await started).channel.id });
    const answered = asterisk()
      .requests()
      .filter((r) => r.method === 'POST' && r.path === `/ari/channels/${call.id}/answer`);
    assert.equal(answered.length, 1);
    assert.equal(call.state, 'Up');
    call.hangup();
  });
});
