import assert from 'node:assert/strict';
import type { Client } from 'ari-client';
import { answers, type CallHandle, useAsteriskEmulator } from '../support/asterisk';
import { connectApp, createLegInApp, credentials, disconnect, nextEvent } from './ari.fixture';

describe('Asterisk emulator: an official answering while the caller is elsewhere', () => {
  let ari: Client;
  let caller: CallHandle;
  afterEach(async () => {
    for (const leg of asterisk().legs()) if (leg.isAlive) await ari.channels.hangup({ channelId: leg.id });
    if (caller.isAlive) caller.hangup();
    await disconnect(ari);
  });
  const asterisk = useAsteriskEmulator({ ...credentials });

  beforeEach(async () => {
    ari = await connectApp(asterisk());
    const started = nextEvent(ari, 'StasisStart');
    caller = await asterisk().placeCall({ from: '0912345678', to: '0889009412' });
    await started;
  });

  async function dialOfficial(): Promise<CallHandle> {
    asterisk().endpoint('PJSIP/ward1', answers({ afterMs: 10 }));
    await createLegInApp(ari, 'PJSIP/ward1', 'official');
    await ari.channels.dial({ channelId: 'official', caller: caller.id, timeout: 30 });
    const leg = await asterisk().waitForLeg('PJSIP/ward1');
    await leg.waitForState('Up');
    return leg;
  }

  it('raises ChannelStateChange Up and Dial ANSWER at once, and the official hears nothing until bridged', async () => {
    const leg = await dialOfficial();
    const answered = leg.events().filter((e) => e.type === 'Dial' || e.type === 'ChannelStateChange');
    const up = answered.findIndex((e) => (e.channel as { state?: string } | undefined)?.state === 'Up');
    assert.deepEqual(
      answered.slice(up).map((e) => `${e.type} ${e.dialstatus ?? ''}`.trim()),
      ['ChannelStateChange', 'Dial ANSWER'],
    );
    // Raised together: their millisecond stamps differ at most by a millisecond boundary between them.
    const stamp = (index: number) => Date.parse(String(answered[index]?.timestamp));
    assert.ok(
      stamp(up + 1) - stamp(up) <= 1,
      `${answered[up]?.timestamp} then ${answered[up + 1]?.timestamp}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(leg.heard(), []);
    assert.equal(leg.bridgedAtMs, undefined);
    assert.equal(leg.silenceBeforeBridgeMs, undefined);
  });

  it('time-stamps answer and bridge entry, so a test can tell how long the official waited in silence', async () => {
    const leg = await dialOfficial();
    await new Promise((resolve) => setTimeout(resolve, 120));
    const bridge = await ari.bridges.create({ type: 'mixing' });
    await ari.bridges.addChannel({ bridgeId: bridge.id, channel: [caller.id, leg.id] });
    assert.ok((leg.answeredAtMs ?? 0) > 0 && (leg.bridgedAtMs ?? 0) > (leg.answeredAtMs ?? 0));
    const silenceMs = leg.silenceBeforeBridgeMs ?? 0;
    assert.ok(silenceMs >= 115 && silenceMs < 400, `silent for ${silenceMs.toFixed(0)} ms`);
    caller.hangup();
    await ari.bridges.destroy({ bridgeId: bridge.id });
  });

  it('hands out a live channel by id, whose facts stay readable once it has ended', async () => {
    const leg = asterisk().channel((await dialOfficial()).id);
    assert.ok(leg);
    await ari.channels.hangup({ channelId: leg.id });
    await leg.waitForState('Hungup');
    assert.ok((leg.answeredAtMs ?? 0) > 0);
    assert.equal(asterisk().channel(leg.id), undefined);
  });
});
