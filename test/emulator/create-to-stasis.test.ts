import assert from 'node:assert/strict';
import type { Client } from 'ari-client';
import { answers, useAsteriskEmulator } from '../support/asterisk';
import { connectApp, credentials, disconnect, nextEvent } from './ari.fixture';

interface StasisStartEvent {
  channel: { id: string };
}

/** Long enough that the two refused requests are sent before the leg enters, even on a loaded machine. */
const CREATE_TO_STASIS_MS = 1500;

const startOf = (ari: Client, channelId: string) =>
  nextEvent<StasisStartEvent>(
    ari,
    'StasisStart',
    (e) => e.channel.id === channelId,
    CREATE_TO_STASIS_MS + 2000,
  );

describe('Asterisk emulator: a created leg enters the app a moment after POST /channels/create', () => {
  let ari: Client;
  afterEach(async () => {
    for (const leg of asterisk().legs()) if (leg.isAlive) await ari.channels.hangup({ channelId: leg.id });
    await disconnect(ari);
  });
  const asterisk = useAsteriskEmulator({ ...credentials, createToStasisMs: CREATE_TO_STASIS_MS });

  beforeEach(async () => {
    ari = await connectApp(asterisk());
  });

  it('answers 409 "Channel not in Stasis application" to /dial and /play until the leg’s StasisStart', async () => {
    asterisk().endpoint('PJSIP/ward1', answers({ afterMs: 5 }));
    const inApp = startOf(ari, 'leg-1');
    const createdAtMs = performance.now();
    const leg = await ari.channels.create({ endpoint: 'PJSIP/ward1', app: 'hotline', channelId: 'leg-1' });
    assert.equal(leg.state, 'Down');
    await assert.rejects(ari.channels.dial({ channelId: 'leg-1' }), /Channel not in Stasis application/);
    await assert.rejects(
      ari.channels.play({ channelId: 'leg-1', media: 'sound:hotline/vi/please-hold' }),
      /Channel not in Stasis application/,
    );
    await inApp;
    assert.ok(
      performance.now() - createdAtMs >= CREATE_TO_STASIS_MS - 5,
      'StasisStart came after createToStasisMs',
    );
    await ari.channels.dial({ channelId: 'leg-1' });
    await (await asterisk().waitForLeg('PJSIP/ward1')).waitForState('Up');
  });

  it('lets the app hang up a leg that has not entered yet: it never gets a StasisStart', async () => {
    const destroyed = nextEvent<{ cause: number }>(ari, 'ChannelDestroyed');
    await ari.channels.create({ endpoint: 'PJSIP/ward2', app: 'hotline', channelId: 'leg-2' });
    await ari.channels.hangup({ channelId: 'leg-2' });
    assert.equal((await destroyed).cause, 16);
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(asterisk().events('StasisStart').length, 0);
  });
});

describe('Asterisk emulator: create-to-Stasis delay by default', () => {
  let ari: Client;
  afterEach(async () => {
    for (const leg of asterisk().legs()) if (leg.isAlive) await ari.channels.hangup({ channelId: leg.id });
    await disconnect(ari);
  });
  const asterisk = useAsteriskEmulator({ ...credentials });

  it('puts the leg in the app within a few milliseconds, so dialing at once after the response may fail', async () => {
    ari = await connectApp(asterisk());
    const inApp = startOf(ari, 'leg-3');
    const createdAtMs = performance.now();
    await ari.channels.create({ endpoint: 'PJSIP/ward3', app: 'hotline', channelId: 'leg-3' });
    await inApp;
    assert.ok(performance.now() - createdAtMs < 50);
    await ari.channels.dial({ channelId: 'leg-3', timeout: 5 });
  });
});
