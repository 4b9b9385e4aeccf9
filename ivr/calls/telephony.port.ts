/**
 * What the call flow needs from Asterisk, in its own terms. ivr/ari implements it over ARI; the
 * call flow never sees ARI's paths, payloads or client.
 */

export interface ChannelInfo {
  id: string;
  name: string;
  state: string;
  callerNumber: string;
  callerName: string;
  exten: string;
}

/** A channel in the Stasis app as Asterisk lists it after a (re)connect. */
export interface AppChannel {
  id: string;
  state: string;
  callerNumber: string;
  createdAt: Date;
}

/** A bridge in the Stasis app, with the channels in it. */
export interface AppBridge {
  id: string;
  channelIds: string[];
}

export type TelephonyEvent =
  | { type: 'StasisStart'; channel: ChannelInfo; args: string[] }
  | { type: 'StasisEnd'; channelId: string }
  | { type: 'ChannelHangupRequest'; channelId: string; cause: number | undefined }
  | { type: 'ChannelDestroyed'; channelId: string; cause: number; causeText: string }
  | { type: 'ChannelStateChange'; channelId: string; state: string }
  | { type: 'ChannelDtmfReceived'; channelId: string; digit: string }
  | { type: 'Dial'; peerId: string; status: string }
  | { type: 'PlaybackStarted' | 'PlaybackFinished'; playbackId: string; targetUri: string; state: string }
  | {
      type: 'RecordingStarted' | 'RecordingFinished' | 'RecordingFailed';
      name: string;
      targetUri: string;
      durationSeconds: number | undefined;
      cause: string | undefined;
    }
  | { type: 'ChannelEnteredBridge' | 'ChannelLeftBridge'; bridgeId: string; channelId: string }
  | { type: 'BridgeDestroyed'; bridgeId: string };

export interface RecordOptions {
  name: string;
  format: 'wav';
  maxDurationSeconds: number;
  maxSilenceSeconds: number;
  beep: boolean;
  terminateOn: 'none' | 'any' | '*' | '#';
  ifExists: 'fail' | 'overwrite' | 'append';
}

/** A place in Asterisk's dialplan. */
export interface DialplanLocation {
  context: string;
  extension: string;
  priority: number;
}

export interface NewLeg {
  channelId: string;
  endpoint: string;
  /** Stasis args that mark the channel as a leg of an existing call, never a new citizen. */
  appArgs: string[];
  /** The channel this leg is placed for (Asterisk links their codecs and caller ids); none for a callback's first leg. */
  originatorId?: string;
}

/** A command Asterisk refused; `isGone` when the channel, bridge or playback no longer exists. */
export class TelephonyError extends Error {
  constructor(
    readonly operation: string,
    message: string,
    readonly isGone: boolean,
    options?: { cause?: unknown },
  ) {
    super(`${operation}: ${message}`, options);
    this.name = 'TelephonyError';
  }
}

export interface TelephonyCommands {
  answer(channelId: string): Promise<void>;
  /** The channel leaves the app and goes on in Asterisk's dialplan at `target`. */
  continueInDialplan(channelId: string, target: DialplanLocation): Promise<void>;
  hangup(channelId: string, reason?: 'normal' | 'busy' | 'congestion' | 'no_answer'): Promise<void>;
  playOnChannel(channelId: string, playbackId: string, media: string[]): Promise<void>;
  stopPlayback(playbackId: string): Promise<void>;
  startRinging(channelId: string): Promise<void>;
  stopRinging(channelId: string): Promise<void>;
  createLeg(leg: NewLeg): Promise<void>;
  /** `callerId` is the channel id of the party being connected, when there is one (ARI's `caller`). */
  dial(channelId: string, callerId: string | undefined, timeoutSeconds: number): Promise<void>;
  createBridge(bridgeId: string): Promise<void>;
  addToBridge(bridgeId: string, channelIds: string[]): Promise<void>;
  destroyBridge(bridgeId: string): Promise<void>;
  recordChannel(channelId: string, options: RecordOptions): Promise<void>;
  recordBridge(bridgeId: string, options: RecordOptions): Promise<void>;
  stopRecording(name: string): Promise<void>;
  /** Channels and bridges Asterisk holds in our Stasis app now (for reconciling after a reconnect). */
  appResources(): Promise<{ channelIds: string[]; bridgeIds: string[] }>;
  /** What the app holds now, channels and bridges in full (for taking charge of them after a restart). */
  appSnapshot(): Promise<{ channels: AppChannel[]; bridges: AppBridge[] }>;
  /** Whether a playback is still playing or queued (false once it finished or was stopped). */
  isPlaying(playbackId: string): Promise<boolean>;
  /** The state (Ring, Ringing, Up...) of every channel Asterisk has now. */
  channelStates(): Promise<Map<string, string>>;
}
