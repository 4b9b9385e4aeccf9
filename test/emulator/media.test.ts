import assert from 'node:assert/strict';
import type { Client } from 'ari-client';
import { type CallHandle, useAsteriskEmulator } from '../support/asterisk';
import { connectApp, credentials, disconnect, eventually, nextEvent, recordEvents } from './ari.fixture';

interface PlaybackEvent {
  playback: { id: string; media_uri: string; state: string; next_media_uri?: string };
}

describe('Asterisk emulator: answer, playback and DTMF', () => {
  let ari: Client;
  let call: CallHandle;
  // Registered before the emulator's own afterEach so the caller hangs up before the leftover check.
  afterEach(async () => {
    if (call.isAlive) call.hangup();
    await disconnect(ari);
  });
  const asterisk = useAsteriskEmulator({
    ...credentials,
    playbackMs: (uri) => (uri.includes('long') ? 400 : 30),
  });

  beforeEach(async () => {
    ari = await connectApp(asterisk());
    const started = nextEvent(ari, 'StasisStart');
    call = await asterisk().placeCall({ from: '0912345678', to: '0889009412' });
    await started;
  });

  it('answers (and answering an Up channel again is a harmless 204)', async () => {
    const up = nextEvent<{ channel: { state: string } }>(ari, 'ChannelStateChange');
    await ari.channels.answer({ channelId: call.id });
    assert.equal((await up).channel.state, 'Up');
    await ari.channels.answer({ channelId: call.id });
    assert.equal(call.state, 'Up');
  });

  it('plays queued media in order and reports what the caller heard', async () => {
    await ari.channels.play({ channelId: call.id, media: 'sound:hotline/greeting' });
    await ari.channels.play({ channelId: call.id, media: ['digits:12', 'number:5'] });
    await call.until(
      () => call.heard().length === 3 && call.heard().every((h) => h.status === 'finished'),
      'three media',
    );
    assert.deepEqual(
      call.heard().map((h) => h.media),
      ['sound:hotline/greeting', 'digits:12', 'number:5'],
    );
    const types = asterisk()
      .events()
      .filter((e) => e.type.startsWith('Playback'))
      .map((e) => e.type);
    assert.deepEqual(types, [
      'PlaybackStarted',
      'PlaybackFinished',
      'PlaybackStarted',
      'PlaybackContinuing',
      'PlaybackStarted',
      'PlaybackFinished',
    ]);
  });

  it('keeps playing through DTMF; DELETE /playbacks/{id} stops it with PlaybackFinished state done', async () => {
    const seen = recordEvents(ari);
    const started = nextEvent<PlaybackEvent>(ari, 'PlaybackStarted');
    await ari.channels.play({ channelId: call.id, media: 'sound:hotline/long-menu', playbackId: 'menu-1' });
    assert.equal((await started).playback.id, 'menu-1');
    await call.press('12', { gapMs: 10 });
    await eventually(() => seen.filter((t) => t === 'ChannelDtmfReceived').length === 2, 'two DTMF events');
    assert.equal(call.heard()[0]?.status, 'playing');
    const finished = nextEvent<PlaybackEvent>(ari, 'PlaybackFinished');
    await ari.playbacks.stop({ playbackId: 'menu-1' });
    assert.equal((await finished).playback.state, 'done');
    assert.equal(call.heard()[0]?.status, 'stopped');
    await assert.rejects(ari.playbacks.get({ playbackId: 'menu-1' }), /Playback not found/);
  });

  it('reports an unknown sound as PlaybackStarted then PlaybackFinished with state failed', async () => {
    asterisk().soundMissing('sound:hotline/typo');
    const finished = nextEvent<PlaybackEvent>(ari, 'PlaybackFinished');
    await ari.channels.play({ channelId: call.id, media: 'sound:hotline/typo' });
    assert.equal((await finished).playback.state, 'failed');
    assert.deepEqual(
      call
        .events()
        .filter((e) => e.type.startsWith('Playback'))
        .map((e) => e.type),
      ['PlaybackStarted', 'PlaybackFinished'],
    );
  });

  it('refuses to stop digits: playback (not controllable) with a 500, as Asterisk does', async () => {
    await ari.channels.play({ channelId: call.id, media: 'digits:123', playbackId: 'digits-1' });
    await call.waitForPlayback('digits:123');
    await assert.rejects(ari.playbacks.stop({ playbackId: 'digits-1' }), /Could not stop playback/);
    await call.until(() => call.heard()[0]?.status === 'finished', 'the digits to finish');
  });

  it('sends one ChannelDtmfReceived per key with duration_ms', async () => {
    const digits: string[] = [];
    (ari as unknown as NodeJS.EventEmitter).on(
      'ChannelDtmfReceived',
      (e: { digit: string; duration_ms: number }) => {
        assert.ok(e.duration_ms > 0);
        digits.push(e.digit);
      },
    );
    await call.press('12#');
    await eventually(() => digits.length === 3, 'three digits at the app');
    assert.deepEqual(digits, ['1', '2', '#']);
  });

  it('on caller hangup: current playback fails, StasisEnd, and no ChannelDestroyed for the inbound channel', async () => {
    await ari.channels.play({ channelId: call.id, media: 'sound:hotline/long-menu' });
    await call.waitForPlayback('sound:hotline/long-menu');
    const ended = nextEvent(ari, 'StasisEnd');
    call.hangup();
    await ended;
    const types = call.events().map((e) => e.type);
    assert.deepEqual(types.slice(-3), ['ChannelHangupRequest', 'PlaybackFinished', 'StasisEnd']);
    assert.equal(asterisk().events('ChannelDestroyed').length, 0);
    assert.equal(call.heard()[0]?.status, 'failed');
    await assert.rejects(ari.channels.answer({ channelId: call.id }), /Channel not found/);
  });

  it('maps ARI hangup to ChannelHangupRequest (cause 32, soft) and ChannelDestroyed cause 16', async () => {
    const request = nextEvent<{ cause: number; soft: boolean }>(ari, 'ChannelHangupRequest');
    await ari.channels.hangup({ channelId: call.id });
    assert.deepEqual(await request.then(({ cause, soft }) => ({ cause, soft })), { cause: 32, soft: true });
    assert.equal(call.hangupCause, 16);
  });

  it('answers 409 for a channel that left Stasis (continue) and 404 for an unknown one', async () => {
    const ended = nextEvent(ari, 'StasisEnd');
    await ari.channels.continueInDialplan({ channelId: call.id });
    await ended;
    assert.equal(call.continuedInDialplan, true);
    await assert.rejects(
      ari.channels.play({ channelId: call.id, media: 'sound:x' }),
      /Channel not in Stasis application/,
    );
    await assert.rejects(ari.channels.ring({ channelId: '1.999' }), /Channel not found/);
  });

  it('tracks ringback, hold and channel variables (with ChannelVarset events)', async () => {
    await ari.channels.ring({ channelId: call.id });
    assert.equal(call.isHearingRingback, true);
    await ari.channels.ringStop({ channelId: call.id });
    await ari.channels.startMoh({ channelId: call.id });
    assert.equal(call.isHearingRingback, false);
    assert.equal(call.isOnHold, true);
    const varset = nextEvent<{ variable: string; value: string }>(ari, 'ChannelVarset');
    await ari.channels.setChannelVar({ channelId: call.id, variable: 'TICKET', value: 'T-1' });
    assert.equal((await varset).value, 'T-1');
    assert.equal(call.variable('TICKET'), 'T-1');
  });
});
