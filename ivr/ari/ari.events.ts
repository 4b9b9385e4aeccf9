import { z } from 'zod';
import type { TelephonyEvent } from '../calls/telephony.port';

const id = z.string().min(1);

const channel = z.object({
  id,
  name: z.string().default(''),
  state: z.string().default(''),
  caller: z.object({ number: z.string().default(''), name: z.string().default('') }).optional(),
  dialplan: z.object({ exten: z.string().default('') }).optional(),
});

const withChannel = z.object({ channel: z.object({ id }) });
const withBridge = z.object({ bridge: z.object({ id }) });

const playback = z.object({
  playback: z.object({ id, target_uri: z.string().default(''), state: z.string().default('') }),
});

const recording = z.object({
  recording: z.object({
    name: id,
    target_uri: z.string().default(''),
    duration: z.number().optional(),
    cause: z.string().optional(),
  }),
});

/** The event of one type; a member typed by several (PlaybackStarted | PlaybackFinished) narrowed to it. */
type EventOf<T extends TelephonyEvent['type']> = TelephonyEvent extends infer E
  ? E extends { type: infer U }
    ? T extends U
      ? Omit<E, 'type'> & { type: T }
      : never
    : never
  : never;

/**
 * What the call flow reads of each ARI event it uses, checked at the edge (the fields of Asterisk's
 * own `events.json` model); any other field is left out, any other event type is not used.
 */
const DECODERS: { [T in TelephonyEvent['type']]: z.ZodType<EventOf<T>> } = {
  StasisStart: z
    .object({ channel, args: z.array(z.union([z.string(), z.number()])).default([]) })
    .transform(({ channel: raw, args }) => ({
      type: 'StasisStart' as const,
      channel: {
        id: raw.id,
        name: raw.name,
        state: raw.state,
        callerNumber: raw.caller?.number ?? '',
        callerName: raw.caller?.name ?? '',
        exten: raw.dialplan?.exten ?? '',
      },
      args: args.map(String),
    })),
  StasisEnd: withChannel.transform((event) => ({ type: 'StasisEnd' as const, channelId: event.channel.id })),
  ChannelHangupRequest: withChannel.extend({ cause: z.number().int().optional() }).transform((event) => ({
    type: 'ChannelHangupRequest' as const,
    channelId: event.channel.id,
    cause: event.cause,
  })),
  ChannelDestroyed: withChannel
    .extend({ cause: z.number().int().default(0), cause_txt: z.string().default('') })
    .transform((event) => ({
      type: 'ChannelDestroyed' as const,
      channelId: event.channel.id,
      cause: event.cause,
      causeText: event.cause_txt,
    })),
  ChannelStateChange: z.object({ channel: z.object({ id, state: z.string() }) }).transform((event) => ({
    type: 'ChannelStateChange' as const,
    channelId: event.channel.id,
    state: event.channel.state,
  })),
  ChannelDtmfReceived: withChannel.extend({ digit: z.string().length(1) }).transform((event) => ({
    type: 'ChannelDtmfReceived' as const,
    channelId: event.channel.id,
    digit: event.digit,
  })),
  Dial: z
    .object({ peer: z.object({ id }), dialstatus: z.string().default('') })
    .transform((event) => ({ type: 'Dial' as const, peerId: event.peer.id, status: event.dialstatus })),
  PlaybackStarted: playback.transform((event) => ({
    type: 'PlaybackStarted' as const,
    playbackId: event.playback.id,
    targetUri: event.playback.target_uri,
    state: event.playback.state,
  })),
  PlaybackFinished: playback.transform((event) => ({
    type: 'PlaybackFinished' as const,
    playbackId: event.playback.id,
    targetUri: event.playback.target_uri,
    state: event.playback.state,
  })),
  RecordingStarted: recordingEvent('RecordingStarted'),
  RecordingFinished: recordingEvent('RecordingFinished'),
  RecordingFailed: recordingEvent('RecordingFailed'),
  ChannelEnteredBridge: bridgeMember('ChannelEnteredBridge'),
  ChannelLeftBridge: bridgeMember('ChannelLeftBridge'),
  BridgeDestroyed: withBridge.transform((event) => ({
    type: 'BridgeDestroyed' as const,
    bridgeId: event.bridge.id,
  })),
};

function recordingEvent<T extends 'RecordingStarted' | 'RecordingFinished' | 'RecordingFailed'>(type: T) {
  return recording.transform((event) => ({
    type,
    name: event.recording.name,
    targetUri: event.recording.target_uri,
    durationSeconds: event.recording.duration,
    cause: event.recording.cause,
  }));
}

function bridgeMember<T extends 'ChannelEnteredBridge' | 'ChannelLeftBridge'>(type: T) {
  return withBridge.extend(withChannel.shape).transform((event) => ({
    type,
    bridgeId: event.bridge.id,
    channelId: event.channel.id,
  }));
}

export type DecodedAriEvent =
  | { kind: 'event'; event: TelephonyEvent }
  /** ChannelVarset and the other events the call flow has no use for. */
  | { kind: 'unused' }
  | { kind: 'malformed'; type: string; problem: string };

function isDecodedType(type: unknown): type is TelephonyEvent['type'] {
  return typeof type === 'string' && Object.hasOwn(DECODERS, type);
}

/** Turns an ARI websocket event into the call flow's terms, or says why it cannot. */
export function decodeAriEvent(raw: Record<string, unknown>): DecodedAriEvent {
  const type = raw.type;
  if (!isDecodedType(type)) return { kind: 'unused' };
  const parsed = DECODERS[type].safeParse(raw);
  if (parsed.success) return { kind: 'event', event: parsed.data };
  const problem = parsed.error.issues
    .map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`)
    .join('; ');
  return { kind: 'malformed', type, problem };
}
