import { bridgeModels, channelModels, playbackModels, recordingModels } from './models.docs';
import { model, type SwaggerModel } from './swagger.dsl';

// ari-client looks every incoming message up in these models (by `type`) and promotes the
// properties whose type is a known resource (Channel, Bridge, Playback, LiveRecording...).
// An event type without a model here makes ari-client throw, so every event the emulator
// sends must be declared.
const base = { type: 'string', application: 'string', timestamp: 'Date', asterisk_id: 'string?' };

function event(id: string, properties: Record<string, string>): SwaggerModel {
  return model(id, { ...base, ...properties });
}

export const eventModels: Record<string, SwaggerModel> = {
  ...channelModels,
  ...bridgeModels,
  ...playbackModels,
  ...recordingModels,
  Message: model('Message', { type: 'string', asterisk_id: 'string?' }),
  Event: event('Event', {}),
  MissingParams: model('MissingParams', { type: 'string', params: 'List[string]' }),
  ApplicationReplaced: event('ApplicationReplaced', {}),
  StasisStart: event('StasisStart', {
    args: 'List[string]',
    channel: 'Channel',
    replace_channel: 'Channel?',
  }),
  StasisEnd: event('StasisEnd', { channel: 'Channel' }),
  ChannelCreated: event('ChannelCreated', { channel: 'Channel' }),
  ChannelStateChange: event('ChannelStateChange', { channel: 'Channel' }),
  ChannelDtmfReceived: event('ChannelDtmfReceived', {
    digit: 'string',
    duration_ms: 'int',
    channel: 'Channel',
  }),
  ChannelHangupRequest: event('ChannelHangupRequest', {
    cause: 'int?',
    soft: 'boolean?',
    channel: 'Channel',
  }),
  ChannelDestroyed: event('ChannelDestroyed', { cause: 'int', cause_txt: 'string', channel: 'Channel' }),
  ChannelVarset: event('ChannelVarset', { variable: 'string', value: 'string', channel: 'Channel?' }),
  ChannelEnteredBridge: event('ChannelEnteredBridge', { bridge: 'Bridge', channel: 'Channel?' }),
  ChannelLeftBridge: event('ChannelLeftBridge', { bridge: 'Bridge', channel: 'Channel' }),
  BridgeCreated: event('BridgeCreated', { bridge: 'Bridge' }),
  BridgeDestroyed: event('BridgeDestroyed', { bridge: 'Bridge' }),
  Dial: event('Dial', {
    caller: 'Channel?',
    peer: 'Channel',
    forward: 'string?',
    forwarded: 'Channel?',
    dialstring: 'string?',
    dialstatus: 'string',
  }),
  PlaybackStarted: event('PlaybackStarted', { playback: 'Playback' }),
  PlaybackContinuing: event('PlaybackContinuing', { playback: 'Playback' }),
  PlaybackFinished: event('PlaybackFinished', { playback: 'Playback' }),
  RecordingStarted: event('RecordingStarted', { recording: 'LiveRecording' }),
  RecordingFinished: event('RecordingFinished', { recording: 'LiveRecording' }),
  RecordingFailed: event('RecordingFailed', { recording: 'LiveRecording' }),
};
