import { AriError, newUuid } from './ari.types';
import type { HeardMedia } from './channel.model';
import type { Pbx } from './pbx';

type PlaybackState = 'queued' | 'playing' | 'continuing' | 'done' | 'failed';

export class Playback {
  index = 0;
  state: PlaybackState = 'queued';
  isCanceled = false;
  isStopped = false;
  /** Only sound:, recording: and tone: media can be stopped (res_stasis_playback's `controllable`). */
  isControllable = false;
  /** Clears the timer that starts the playback or ends its current media (stop, hangup, reset). */
  cancelTimer: () => void = () => undefined;
  heard: HeardMedia[] = [];

  constructor(
    readonly id: string,
    readonly medias: string[],
    readonly targetUri: string,
    readonly language: string,
  ) {}

  get media(): string {
    return this.medias[this.index] ?? '';
  }

  json(): object {
    const next = this.medias[this.index + 1];
    return {
      id: this.id,
      media_uri: this.media,
      ...(next !== undefined && { next_media_uri: next }),
      target_uri: this.targetUri,
      language: this.language,
      state: this.state,
    };
  }
}

/**
 * Playbacks queue per target (channel or bridge) and play one media URI at a time. As seen on
 * Asterisk 22.10.1 (res_stasis_playback.c): a PlaybackStarted for each media, a
 * PlaybackContinuing as each media but the last ends, one PlaybackFinished with state done (also when stopped) or failed (missing file, hangup).
 */
export class Playbacks {
  readonly byId = new Map<string, Playback>();
  readonly missingSounds = new Set<string>();
  isSoundMissing: (mediaUri: string) => boolean = () => false;
  private readonly queues = new Map<string, Playback[]>();
  /** Commands waiting on a target's control queue until its playbacks are over (see `whenIdle`). */
  private readonly idleWaiters = new Map<string, Array<() => void>>();

  constructor(private readonly pbx: Pbx) {}

  play(targetUri: string, medias: string[], language: string, playbackId?: string): Playback {
    if (medias.length === 0 || medias.some((m) => m === ''))
      throw new AriError(400, 'media must be specified');
    if (playbackId && this.byId.has(playbackId))
      throw new AriError(409, 'Playback with given ID already exists');
    const playback = new Playback(playbackId || newUuid(), medias, targetUri, language);
    this.byId.set(playback.id, playback);
    const queue = this.queues.get(targetUri) ?? [];
    queue.push(playback);
    this.queues.set(targetUri, queue);
    // Asterisk queues the command on the channel's control thread: the 201 says "queued".
    if (queue.length === 1) {
      const start = setImmediate(() => this.playMedia(playback));
      playback.cancelTimer = () => clearImmediate(start);
    }
    this.pbx.changed();
    return playback;
  }

  get(id: string): Playback {
    const playback = this.byId.get(id);
    if (!playback) throw new AriError(404, 'Playback not found');
    return playback;
  }

  stop(id: string): void {
    const playback = this.get(id);
    if (playback.state === 'queued') {
      playback.isCanceled = true;
      return;
    }
    if (!playback.isControllable) throw new AriError(500, 'Could not stop playback');
    playback.isStopped = true;
    playback.cancelTimer();
    this.finishMedia(playback, 'stopped');
  }

  /**
   * Resolves once the target plays nothing and has nothing queued: a playback runs as a command on
   * the channel's control queue (res_stasis_playback.c), so a command queued behind it, such as
   * a bridge add, waits until it ends or is stopped. Also resolves when the target goes away.
   */
  whenIdle(targetUri: string): Promise<void> {
    if (!this.queues.has(targetUri)) return Promise.resolve();
    return new Promise((resolve) => {
      const waiters = this.idleWaiters.get(targetUri) ?? [];
      waiters.push(resolve);
      this.idleWaiters.set(targetUri, waiters);
    });
  }

  /** Hangup or bridge destruction: the current media fails, queued ones vanish without events. */
  onTargetGone(targetUri: string): void {
    const queue = this.queues.get(targetUri);
    if (!queue) return;
    this.queues.delete(targetUri);
    this.wakeIdleWaiters(targetUri);
    const [current, ...queued] = queue;
    for (const playback of queued) this.byId.delete(playback.id);
    current?.cancelTimer();
    if (current && current.state !== 'queued') {
      this.markHeard(current, 'failed');
      current.state = 'failed';
      this.publish(current);
      this.byId.delete(current.id);
    } else if (current) {
      this.byId.delete(current.id);
    }
  }

  private playMedia(playback: Playback): void {
    if (!this.byId.has(playback.id)) return;
    if (playback.isCanceled) {
      playback.state = 'done';
      this.publish(playback);
      this.next(playback);
      return;
    }
    playback.state = 'playing';
    this.publish(playback);
    const media = playback.media;
    const scheme = media.slice(0, media.indexOf(':') + 1);
    const value = media.slice(scheme.length);
    if (['sound:', 'recording:', 'tone:'].includes(scheme)) playback.isControllable = true;
    const skipped =
      (scheme === 'recording:' && !this.pbx.recordings.stored.has(value)) ||
      (scheme === 'number:' && !/^-?\d+$/.test(value)) ||
      !['sound:', 'recording:', 'number:', 'digits:', 'characters:', 'tone:'].includes(scheme);
    // Asterisk logs and `continue`s for these: no final update for that media.
    if (skipped) {
      this.advance(playback);
      return;
    }
    this.startHearing(playback);
    // PlaybackStarted went out before the channel's `heard` had this media: tell waiting tests now.
    this.pbx.changed();
    if (scheme === 'sound:' && (this.missingSounds.has(media) || this.isSoundMissing(media))) {
      this.finishMedia(playback, 'failed');
      return;
    }
    if (scheme === 'tone:') return;
    const durationMs =
      scheme === 'recording:' ? this.pbx.recordings.durationMs(value) : this.pbx.options.playbackMs(media);
    // A zero-length media ends as it starts: a loop turn per media would add the emulator's own
    // queueing to every multi-part prompt and blur what a benchmark measures of the app.
    if (durationMs <= 0) {
      this.finishMedia(playback, 'finished');
      return;
    }
    const timer = setTimeout(() => this.finishMedia(playback, 'finished'), durationMs);
    playback.cancelTimer = () => clearTimeout(timer);
  }

  private finishMedia(playback: Playback, outcome: 'finished' | 'stopped' | 'failed'): void {
    this.markHeard(playback, outcome);
    const isLast = playback.index === playback.medias.length - 1;
    if (outcome === 'stopped') playback.state = 'done';
    else if (!isLast) playback.state = 'continuing';
    else playback.state = outcome === 'failed' ? 'failed' : 'done';
    this.publish(playback);
    if (outcome === 'stopped' || isLast) {
      this.next(playback);
      return;
    }
    this.advance(playback);
  }

  private advance(playback: Playback): void {
    if (playback.index === playback.medias.length - 1) {
      this.next(playback);
      return;
    }
    playback.index++;
    this.playMedia(playback);
  }

  private next(playback: Playback): void {
    this.byId.delete(playback.id);
    const queue = this.queues.get(playback.targetUri) ?? [];
    const rest = queue.filter((p) => p !== playback);
    if (rest.length === 0) this.queues.delete(playback.targetUri);
    else this.queues.set(playback.targetUri, rest);
    const following = rest[0];
    if (following) this.playMedia(following);
    else this.wakeIdleWaiters(playback.targetUri);
    this.pbx.changed();
  }

  private wakeIdleWaiters(targetUri: string): void {
    const waiters = this.idleWaiters.get(targetUri) ?? [];
    this.idleWaiters.delete(targetUri);
    for (const wake of waiters) wake();
  }

  private startHearing(playback: Playback): void {
    const [kind, id = ''] = playback.targetUri.split(':');
    const via = kind === 'bridge' ? 'bridge' : 'channel';
    const listeners = via === 'bridge' ? (this.pbx.bridges.byId.get(id)?.channels ?? []) : [id];
    playback.heard = [];
    for (const channelId of listeners) {
      const entry: HeardMedia = { media: playback.media, playbackId: playback.id, via, status: 'playing' };
      this.pbx.channels.get(channelId)?.heard.push(entry);
      playback.heard.push(entry);
    }
  }

  private markHeard(playback: Playback, status: HeardMedia['status']): void {
    for (const entry of playback.heard) entry.status = status;
    playback.heard = [];
  }

  private publish(playback: Playback): void {
    const type = {
      playing: 'PlaybackStarted',
      continuing: 'PlaybackContinuing',
      done: 'PlaybackFinished',
      failed: 'PlaybackFinished',
      queued: '',
    }[playback.state];
    if (!type) return;
    this.pbx.publish({ type, playback: playback.json() }, this.pbx.subscribersOf(playback.targetUri));
  }
}
