import { AriError } from './ari.types';
import type { Channel } from './channel.model';
import type { Pbx } from './pbx';
import { wavBytes, wavDurationMs } from './wav';

export interface RecordParams {
  name: string;
  format: string;
  maxDurationSeconds: number;
  maxSilenceSeconds: number;
  ifExists: string;
  beep: boolean;
  terminateOn: string;
}

/** A stored file; one the emulator recorded itself is synthesised on first read, as most are never read. */
export class StoredRecording {
  private audio: Buffer | undefined;

  constructor(
    readonly name: string,
    readonly format: string,
    private readonly source: Buffer | { durationMs: number },
  ) {}

  get bytes(): Buffer {
    this.audio ??= Buffer.isBuffer(this.source) ? this.source : wavBytes(this.source.durationMs);
    return this.audio;
  }

  get durationMs(): number | undefined {
    return Buffer.isBuffer(this.source) ? wavDurationMs(this.source) : this.source.durationMs;
  }
}

type RecordingState = 'queued' | 'recording' | 'done' | 'failed' | 'canceled';

class LiveRecording {
  state: RecordingState = 'queued';
  startedAt = 0;
  durationS: number | undefined;
  readonly timers = new Set<NodeJS.Timeout>();
  beginTimer: NodeJS.Immediate | undefined;

  constructor(
    readonly params: RecordParams,
    readonly targetUri: string,
  ) {}

  json(): object {
    return {
      name: this.params.name,
      format: this.params.format,
      state: this.state,
      target_uri: this.targetUri,
      ...(this.durationS !== undefined && {
        duration: this.durationS,
        talking_duration: this.durationS,
        silence_duration: 0,
      }),
    };
  }
}

const formats = new Set(['wav', 'wav16', 'gsm', 'ulaw', 'alaw', 'sln', 'g722', 'g729']);

/** Live recordings on channels and bridges, and the stored files they leave. */
export class Recordings {
  readonly live = new Map<string, LiveRecording>();
  readonly stored = new Map<string, StoredRecording>();

  constructor(private readonly pbx: Pbx) {}

  /** Validation in the order of resource_channels.c / resource_bridges.c. */
  start(targetUri: string, params: RecordParams): LiveRecording {
    if (!params.name) throw new AriError(400, 'Recording name invalid');
    if (params.maxDurationSeconds < 0) throw new AriError(400, 'max_duration_seconds cannot be negative');
    if (params.maxSilenceSeconds < 0) throw new AriError(400, 'max_silence_seconds cannot be negative');
    if (!['none', 'any', '*', '#'].includes(params.terminateOn))
      throw new AriError(400, 'terminateOn invalid');
    if (!['fail', 'overwrite', 'append'].includes(params.ifExists))
      throw new AriError(400, 'ifExists invalid');
    if (!formats.has(params.format)) throw new AriError(422, 'specified format is unknown on this system');
    if (this.live.has(params.name) || (this.stored.has(params.name) && params.ifExists === 'fail')) {
      throw new AriError(409, `Recording '${params.name}' already exists and can not be overwritten`);
    }
    const recording = new LiveRecording(params, targetUri);
    this.live.set(params.name, recording);
    recording.beginTimer = setImmediate(() => this.begin(recording));
    this.pbx.changed();
    return recording;
  }

  getLive(name: string): LiveRecording {
    const recording = this.live.get(name);
    if (!recording) throw new AriError(404, 'Recording not found');
    return recording;
  }

  stop(name: string): void {
    this.finish(this.getLive(name), 'done');
  }

  cancel(name: string): void {
    this.finish(this.getLive(name), 'canceled');
  }

  getStored(name: string): StoredRecording {
    const recording = this.stored.get(name);
    if (!recording) throw new AriError(404, 'Recording not found');
    return recording;
  }

  deleteStored(name: string): void {
    this.getStored(name);
    this.stored.delete(name);
  }

  store(name: string, format: string, audio: Buffer | { durationMs: number }): void {
    this.stored.set(name, new StoredRecording(name, format, audio));
  }

  durationMs(name: string): number {
    const recording = this.stored.get(name);
    return recording?.durationMs ?? this.pbx.options.playbackMs(`recording:${name}`);
  }

  onDtmf(channel: Channel, digit: string): void {
    for (const recording of this.live.values()) {
      if (recording.targetUri !== `channel:${channel.id}` || recording.state !== 'recording') continue;
      const { terminateOn } = recording.params;
      if (terminateOn === 'any' || terminateOn === digit) this.finish(recording, 'done');
    }
  }

  onSilence(channel: Channel): void {
    for (const recording of this.live.values()) {
      if (recording.targetUri === `channel:${channel.id}`) this.armSilence(recording);
    }
  }

  /**
   * The recorded party went away. ast_play_and_record returns -1 on hangup, which
   * res_stasis_recording reports as RecordingFailed; the file written so far stays on disk.
   */
  onTargetGone(targetUri: string): void {
    for (const recording of [...this.live.values()]) {
      if (recording.targetUri === targetUri) this.finish(recording, 'failed');
    }
  }

  private begin(recording: LiveRecording): void {
    if (recording.state !== 'queued') return;
    const [kind, id = ''] = recording.targetUri.split(':');
    const channel = kind === 'channel' ? this.pbx.channels.get(id) : undefined;
    if (recording.params.beep && channel) {
      channel.heard.push({ media: 'tone:beep', playbackId: '', via: 'channel', status: 'finished' });
    }
    recording.state = 'recording';
    recording.startedAt = Date.now();
    this.publish(recording, 'RecordingStarted');
    const { maxDurationSeconds } = recording.params;
    if (maxDurationSeconds > 0) this.arm(recording, this.pbx.seconds(maxDurationSeconds));
    if (channel && !channel.isTalking) this.armSilence(recording);
  }

  private armSilence(recording: LiveRecording): void {
    const { maxSilenceSeconds } = recording.params;
    if (maxSilenceSeconds > 0 && recording.state === 'recording')
      this.arm(recording, this.pbx.seconds(maxSilenceSeconds));
  }

  private arm(recording: LiveRecording, delayMs: number): void {
    const timer = setTimeout(() => this.finish(recording, 'done'), delayMs);
    recording.timers.add(timer);
  }

  private finish(recording: LiveRecording, state: 'done' | 'failed' | 'canceled'): void {
    if (!this.live.has(recording.params.name)) return;
    for (const timer of recording.timers) clearTimeout(timer);
    clearImmediate(recording.beginTimer);
    this.live.delete(recording.params.name);
    const wasRecording = recording.state === 'recording';
    const elapsedMs = wasRecording ? Date.now() - recording.startedAt : 0;
    recording.state = state;
    recording.durationS = Math.round(elapsedMs / this.pbx.options.msPerSecond);
    if (state !== 'canceled' && wasRecording)
      this.store(recording.params.name, recording.params.format, { durationMs: elapsedMs });
    this.publish(recording, state === 'failed' ? 'RecordingFailed' : 'RecordingFinished');
  }

  private publish(recording: LiveRecording, type: string): void {
    this.pbx.publish({ type, recording: recording.json() }, this.pbx.subscribersOf(recording.targetUri));
  }
}
