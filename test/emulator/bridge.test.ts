import assert from 'node:assert/strict';
import type { Client } from 'ari-client';
import { answers, type CallHandle, useAsteriskEmulator } from '../support/asterisk';
import { connectApp, credentials, disconnect, nextEvent, recordEvents } from './ari.fixture';

describe('Asterisk emulator: bridges, recordings and leftovers', () => {
  let ari: Client;
  let caller: CallHandle;
  afterEach(async () => {
    if (caller.isAlive) caller.hangup();
    await disconnect(ari);
  });
  const asterisk = useAsteriskEmulator({ ...credentials, msPerSecond: 10 });

  beforeEach(async () => {
    ari = await connectApp(asterisk());
    const started = nextEvent(ari, 'StasisStart');
    caller = await asterisk().placeCall({ from: '0912345678', to: '0889009412' });
    await started;
  });

  async function answeredLeg(endpoint: string, channelId: string): Promise<CallHandle> {
    asterisk().endpoint(endpoint, answers({ afterMs: 5 }));
    const inApp = nextEvent<{ channel: { id: string } }>(
      ari,
      'StasisStart',
      (e) => e.channel.id === channelId,
    );
    await ari.channels.create({ endpoint, app: 'hotline', appArgs: 'dialed', channelId });
    await inApp;
    await ari.channels.dial({ channelId, caller: caller.id });
    const leg = await asterisk().waitForLeg(endpoint);
    await leg.waitForState('Up');
    return leg;
  }

  it('bridges two channels; a hangup leaves the bridge, which lives until DELETE', async () => {
    const leg = await answeredLeg('PJSIP/ward1', 'ward-leg');
    const bridge = await ari.bridges.create({ type: 'mixing' });
    const peerSet = nextEvent<{ variable: string }>(ari, 'ChannelVarset', (e) => e.variable === 'BRIDGEPEER');
    await ari.bridges.addChannel({ bridgeId: bridge.id, channel: [caller.id, leg.id] });
    await peerSet;
    assert.equal(caller.isBridgedWith('PJSIP/ward1'), true);
    const left = nextEvent<{ channel: { id: string } }>(ari, 'ChannelLeftBridge');
    leg.hangup();
    assert.equal((await left).channel.id, 'ward-leg');
    assert.equal(caller.isBridgedWith('PJSIP/ward1'), false);
    assert.deepEqual((await ari.bridges.get({ bridgeId: bridge.id })).channels, [caller.id]);
    const destroyed = nextEvent(ari, 'BridgeDestroyed');
    await ari.bridges.destroy({ bridgeId: bridge.id });
    await destroyed;
  });

  it("holds an add behind the channel's playback in progress until it is stopped, and answers then", async () => {
    const leg = await answeredLeg('PJSIP/ward1', 'ward-leg');
    const bridge = await ari.bridges.create({ type: 'mixing' });
    await ari.channels.play({ channelId: caller.id, media: 'tone:ring', playbackId: 'announcement' });
    await caller.waitForPlayback('tone:ring');
    let isAnswered = false;
    const adding = ari.bridges.addChannel({ bridgeId: bridge.id, channel: [caller.id, leg.id] }).then(() => {
      isAnswered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(caller.isBridgedWith('PJSIP/ward1'), false, 'not bridged while the playback goes on');
    assert.equal(isAnswered, false, 'the add is answered only once it has run');
    const stopped = nextEvent(ari, 'PlaybackFinished');
    await ari.playbacks.stop({ playbackId: 'announcement' });
    await stopped;
    await adding;
    assert.equal(caller.isBridgedWith('PJSIP/ward1'), true);
    await ari.bridges.destroy({ bridgeId: bridge.id });
    await ari.channels.hangup({ channelId: leg.id });
  });

  it('runs an add queued behind a playback once the playback ends by itself', async () => {
    const leg = await answeredLeg('PJSIP/ward1', 'ward-leg');
    const bridge = await ari.bridges.create({ type: 'mixing' });
    const types = recordEvents(ari);
    await ari.channels.play({ channelId: caller.id, media: 'sound:hotline/vi/please-hold' });
    await ari.bridges.addChannel({ bridgeId: bridge.id, channel: [caller.id, leg.id] });
    assert.equal(caller.isBridgedWith('PJSIP/ward1'), true);
    const relevant = types.filter((type) => type === 'PlaybackFinished' || type === 'ChannelEnteredBridge');
    assert.deepEqual(relevant.slice(0, 2), ['PlaybackFinished', 'ChannelEnteredBridge']);
    await ari.bridges.destroy({ bridgeId: bridge.id });
    await ari.channels.hangup({ channelId: leg.id });
  });

  it('surfaces Asterisk errors to ari-client with their message', async () => {
    const bridge = await ari.bridges.create({ type: 'mixing' });
    await assert.rejects(
      ari.bridges.addChannel({ bridgeId: 'nope', channel: caller.id }),
      /Bridge not found/,
    );
    await assert.rejects(
      ari.bridges.addChannel({ bridgeId: bridge.id, channel: '1.404' }),
      /Channel not found/,
    );
    await assert.rejects(
      ari.bridges.removeChannel({ bridgeId: bridge.id, channel: caller.id }),
      /Channel not in this bridge/,
    );
    await assert.rejects(ari.channels.hangup({ channelId: caller.id, reason: 'nonsense' }), /Invalid reason/);
    await ari.bridges.destroy({ bridgeId: bridge.id });
  });

  it('records until #, stores the file and serves it as WAV bytes', async () => {
    const started = nextEvent(ari, 'RecordingStarted');
    const live = await ari.channels.record({
      channelId: caller.id,
      name: 'vm-1',
      format: 'wav',
      terminateOn: '#',
      beep: true,
      maxDurationSeconds: 120,
    });
    assert.equal(live.state, 'queued');
    await started;
    const finished = nextEvent<{ recording: { name: string; state: string } }>(ari, 'RecordingFinished');
    await caller.press('#');
    assert.deepEqual(await finished.then((e) => [e.recording.name, e.recording.state]), ['vm-1', 'done']);
    assert.equal(caller.heard()[0]?.media, 'tone:beep');
    assert.deepEqual(
      (await ari.recordings.listStored()).map((r) => r.name),
      ['vm-1'],
    );
    const bytes = (await ari.recordings.getStoredFile({ recordingName: 'vm-1' })) as unknown as Buffer;
    assert.equal(bytes.subarray(0, 4).toString('ascii'), 'RIFF');
    await ari.recordings.deleteStored({ recordingName: 'vm-1' });
    await assert.rejects(ari.recordings.getStored({ recordingName: 'vm-1' }), /Recording not found/);
  });

  it('ends a recording at maxDurationSeconds, refuses a duplicate name and an unknown format', async () => {
    const finished = nextEvent(ari, 'RecordingFinished');
    await ari.channels.record({ channelId: caller.id, name: 'vm-2', format: 'wav', maxDurationSeconds: 3 });
    await assert.rejects(
      ari.channels.record({ channelId: caller.id, name: 'vm-2', format: 'wav' }),
      /already exists/,
    );
    await assert.rejects(
      ari.channels.record({ channelId: caller.id, name: 'vm-3', format: 'mp9' }),
      /format is unknown/,
    );
    await finished;
    assert.ok(asterisk().storedRecording('vm-2'));
  });

  it('keeps what was recorded when the caller hangs up mid-recording (RecordingFailed)', async () => {
    await ari.channels.record({ channelId: caller.id, name: 'vm-4', format: 'wav' });
    await caller.waitFor('RecordingStarted');
    caller.hangup();
    await caller.waitFor('RecordingFailed');
    assert.ok(asterisk().storedRecording('vm-4'));
  });

  it('records a bridge and stops it through /recordings/live/{name}/stop', async () => {
    const bridge = await ari.bridges.create({ type: 'mixing' });
    await ari.bridges.addChannel({ bridgeId: bridge.id, channel: caller.id });
    await ari.bridges.record({ bridgeId: bridge.id, name: 'talk-1', format: 'wav' });
    const finished = nextEvent(ari, 'RecordingFinished');
    await ari.recordings.stop({ recordingName: 'talk-1' });
    await finished;
    assert.deepEqual(
      await ari.recordings.getStored({ recordingName: 'talk-1' }).then((r) => r.format),
      'wav',
    );
    await ari.bridges.destroy({ bridgeId: bridge.id });
  });

  it('lists what the app left behind and assertClean names it', async () => {
    const bridge = await ari.bridges.create({ type: 'mixing', bridgeId: 'forgotten' });
    await ari.channels.play({ channelId: caller.id, media: 'tone:ring', playbackId: 'forever' });
    await caller.waitForPlayback('tone:ring');
    const left = asterisk().leftovers();
    assert.deepEqual(left.bridges, ['forgotten []']);
    assert.match(left.playbacks[0] ?? '', /^forever tone:ring/);
    assert.match(left.channels[0] ?? '', new RegExp(caller.id));
    assert.throws(() => asterisk().assertClean(), /bridges: forgotten/);
    caller.hangup();
    await ari.bridges.destroy({ bridgeId: bridge.id });
    assert.deepEqual(asterisk().leftovers(), {
      channels: [],
      bridges: [],
      playbacks: [],
      liveRecordings: [],
    });
  });
});
