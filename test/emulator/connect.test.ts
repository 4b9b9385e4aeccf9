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
