import type { ChannelInfo, TelephonyEvent } from '../calls/telephony.port';

interface RawChannel {
  id?: string;
  name?: string;
  state?: string;
  caller?: { number?: string; name?: string };
  dialplan?: { exten?: string };
}

type RawEvent = Record<string, unknown> & { type?: string };

function channelInfo(raw: RawChannel | undefined): ChannelInfo | undefined {
  if (!raw?.id) return undefined;
  return {
    id: raw.id,
    name: raw.name ?? '',
    state: raw.state ?? '',
    callerNumber: raw.caller?.number ?? '',
    callerName: raw.caller?.name ?? '',
    exten: raw.dialplan?.exten ?? '',
  };
}

const channelId = (event: RawEvent) => (event.channel as RawChannel | undefined)?.id;

/**
 * Turns an ARI websocket event into the call flow's terms; events the flow does not use
 * (ChannelVarset and friends) and malformed ones give undefined.
 */
export function toTelephonyEvent(event: RawEvent): TelephonyEvent | undefined {
  switch (event.type) {
    case 'StasisStart': {
      const channel = channelInfo(event.channel as RawChannel);
      const args = Array.isArray(event.args) ? event.args.map(String) : [];
      return channel ? { type: 'StasisStart', channel, args } : undefined;
    }
    case 'StasisEnd':
    case 'ChannelHangupRequest':
    case 'ChannelDestroyed':
    case 'ChannelStateChange':
    case 'ChannelDtmfReceived': {
      const id = channelId(event);
      if (!id) return undefined;
      if (event.type === 'StasisEnd') return { type: 'StasisEnd', channelId: id };
      if (event.type === 'ChannelHangupRequest') {
        return { type: 'ChannelHangupRequest', channelId: id, cause: event.cause as number | undefined };
      }
      if (event.type === 'ChannelDestroyed') {
        return {
          type: 'ChannelDestroyed',
          channelId: id,
          cause: Number(event.cause ?? 0),
          causeText: String(event.cause_txt ?? ''),
        };
      }
      if (event.type === 'ChannelStateChange') {
        return {
          type: 'ChannelStateChange',
          channelId: id,
          state: String((event.channel as RawChannel).state),
        };
      }
      return typeof event.digit === 'string'
        ? { type: 'ChannelDtmfReceived', channelId: id, digit: event.digit }
        : undefined;
    }
    case 'Dial': {
      const peer = (event.peer as RawChannel | undefined)?.id;
      return peer ? { type: 'Dial', peerId: peer, status: String(event.dialstatus ?? '') } : undefined;
    }
    case 'PlaybackStarted':
    case 'PlaybackFinished': {
      const playback = event.playback as { id?: string; target_uri?: string; state?: string } | undefined;
      if (!playback?.id) return undefined;
      return {
        type: event.type,
        playbackId: playback.id,
        targetUri: playback.target_uri ?? '',
        state: playback.state ?? '',
      };
    }
    case 'RecordingStarted':
    case 'RecordingFinished':
    case 'RecordingFailed': {
      const recording = event.recording as
        | { name?: string; target_uri?: string; duration?: number; cause?: string }
        | undefined;
      if (!recording?.name) return undefined;
      return {
        type: event.type,
        name: recording.name,
        targetUri: recording.target_uri ?? '',
        durationSeconds: recording.duration,
        cause: recording.cause,
      };
    }
    case 'ChannelEnteredBridge':
    case 'ChannelLeftBridge': {
      const bridge = (event.bridge as { id?: string } | undefined)?.id;
      const id = channelId(event);
      return bridge && id ? { type: event.type, bridgeId: bridge, channelId: id } : undefined;
    }
    case 'BridgeDestroyed': {
      const bridge = (event.bridge as { id?: string } | undefined)?.id;
      return bridge ? { type: 'BridgeDestroyed', bridgeId: bridge } : undefined;
    }
    default:
      return undefined;
  }
}
