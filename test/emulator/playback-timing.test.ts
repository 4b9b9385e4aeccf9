import assert from 'node:assert/strict';
import type { Client } from 'ari-client';
import { AsteriskEmulator, type CallHandle, useAsteriskEmulator } from '../support/asterisk';
import { connectApp, credentials, disconnect, nextEvent } from './ari.fixture';

interface PlaybackEvent {
  type: string;
  timestamp: string;
  playback: { id: string; media_uri: string; state: string };
}

// The real prompts (8 kHz mono WAV): menu 9.66 s, please-hold 1.28 s, transferring 1.60 s.
const sounds = { dir: 'ivr/sounds/vi', prefix: 'hotline/vi/' };
const timeScale = 0.05;

describe('Asterisk emulator: playbacks take their sound files’ length', () => {
  let ari: Client;
  let call: CallHandle;
  afterEach(async () => {
    if (call.isAlive) call.hangup();
    await disconnect(ari);
  });
  const asterisk = useAsteriskEmulator({ ...credentials, sounds, timeScale });

  beforeEach(async () => {
    ari = await connectApp(asterisk());
    const started = nextEvent(ari, 'StasisStart');
    call = await asterisk().placeCall({ from: '0912345678', to: '0889009412' });
    await started;
  });

  /**
   * The playback events the app receives for `playbackId`, each with when Asterisk raised it (its
   * `timestamp`: when they arrive at a client on a loaded machine says little about the playback).
   */
  function playbackEvents(playbackId: string): Array<{ type: string; state: string; atMs: number }> {
    const seen: Array<{ type: string; state: string; atMs: number }> = [];
    (ari as unknown as NodeJS.EventEmitter).on('*', (event: PlaybackEvent) => {
      if (event.playback?.id === playbackId)
        seen.push({ type: event.type, state: event.playback.state, atMs: Date.parse(event.timestamp) });
    });
    return seen;
  }

  it('plays the menu for its WAV length times timeScale (9.66 s × 0.05 ≈ 483 ms)', async () => {
    const seen = playbackEvents('menu');
    const finished = nextEvent(ari, 'PlaybackFinished', () => true, 2000);
    await ari.channels.play({ channelId: call.id, media: 'sound:hotline/vi/menu', playbackId: 'menu' });
    await finished;
    const [started, ended] = seen;
    const playedMs = (ended?.atMs ?? 0) - (started?.atMs ?? 0);
    assert.ok(playedMs >= 460 && playedMs < 650, `played ${playedMs.toFixed(0)} ms`);
  });

  it('raises a PlaybackStarted per media, a PlaybackContinuing as each but the last ends, and one PlaybackFinished', async () => {
    const seen = playbackEvents('transfer');
    const finished = nextEvent(ari, 'PlaybackFinished');
    await ari.channels.play({
      channelId: call.id,
      media: ['sound:hotline/vi/please-hold', 'sound:hotline/vi/transferring', 'digits:12'],
      playbackId: 'transfer',
    });
    await finished;
    assert.deepEqual(
      seen.map(({ type, state }) => `${type} ${state}`),
      [
        'PlaybackStarted playing',
        'PlaybackContinuing continuing',
        'PlaybackStarted playing',
        'PlaybackContinuing continuing',
        'PlaybackStarted playing',
        'PlaybackFinished done',
      ],
    );
    const [started, , , second, , ended] = seen.map((event) => event.atMs);
    assert.ok((second ?? 0) - (started ?? 0) >= 64 + 80 - 5, 'both sounds play their length');
    assert.ok((ended ?? 0) - (started ?? 0) < 400);
  });

  it('finishes a playback cut short by the caller’s hangup with state failed', async () => {
    const started = nextEvent(ari, 'PlaybackStarted');
    await ari.channels.play({ channelId: call.id, media: 'sound:hotline/vi/menu' });
    await started;
    call.hangup();
    const finished = (await call.waitFor('PlaybackFinished')) as unknown as PlaybackEvent;
    assert.equal(finished.playback.state, 'failed');
  });

  it('finishes a playback stopped by DELETE /playbacks/{id} with state done', async () => {
    const started = nextEvent(ari, 'PlaybackStarted');
    await ari.channels.play({ channelId: call.id, media: 'sound:hotline/vi/menu', playbackId: 'stopped' });
    await started;
    const finished = nextEvent<PlaybackEvent>(ari, 'PlaybackFinished');
    await ari.playbacks.stop({ playbackId: 'stopped' });
    assert.equal((await finished).playback.state, 'done');
  });
});

describe('Asterisk emulator: timeScale', () => {
  it('refuses a timeScale of 0, which would play every prompt in no time', async () => {
    await assert.rejects(
      AsteriskEmulator.start({ ...credentials, sounds, timeScale: 0 }),
      /timeScale must be a number greater than 0 \(got 0\)/,
    );
  });
});
