import { model, type SwaggerModel } from './swagger.dsl';

// Resource models, written from the ARI data model (field names as Asterisk emits them).
export const channelModels: Record<string, SwaggerModel> = {
  CallerID: model('CallerID', { name: 'string', number: 'string' }),
  DialplanCEP: model('DialplanCEP', {
    context: 'string',
    exten: 'string',
    priority: 'long',
    app_name: 'string',
    app_data: 'string',
  }),
  Channel: model('Channel', {
    id: 'string',
    name: 'string',
    state: 'string',
    protocol_id: 'string',
    caller: 'CallerID',
    connected: 'CallerID',
    accountcode: 'string',
    dialplan: 'DialplanCEP',
    creationtime: 'Date',
    language: 'string',
    channelvars: 'object?',
  }),
  Dialed: model('Dialed', {}),
  Variable: model('Variable', { value: 'string' }),
};

export const bridgeModels: Record<string, SwaggerModel> = {
  Bridge: model('Bridge', {
    id: 'string',
    technology: 'string',
    bridge_type: 'string',
    bridge_class: 'string',
    creator: 'string',
    name: 'string',
    channels: 'List[string]',
    creationtime: 'Date',
    video_mode: 'string?',
  }),
};

export const playbackModels: Record<string, SwaggerModel> = {
  Playback: model('Playback', {
    id: 'string',
    media_uri: 'string',
    next_media_uri: 'string?',
    target_uri: 'string',
    language: 'string?',
    state: 'string',
  }),
};

export const recordingModels: Record<string, SwaggerModel> = {
  StoredRecording: model('StoredRecording', { name: 'string', format: 'string' }),
  LiveRecording: model('LiveRecording', {
    name: 'string',
    format: 'string',
    target_uri: 'string',
    state: 'string',
    duration: 'int?',
    talking_duration: 'int?',
    silence_duration: 'int?',
    cause: 'string?',
  }),
};

export const applicationModels: Record<string, SwaggerModel> = {
  Application: model('Application', {
    name: 'string',
    channel_ids: 'List[string]',
    bridge_ids: 'List[string]',
    endpoint_ids: 'List[string]',
    device_names: 'List[string]',
    events_allowed: 'List[object]',
    events_disallowed: 'List[object]',
  }),
};

export const endpointModels: Record<string, SwaggerModel> = {
  Endpoint: model('Endpoint', {
    technology: 'string',
    resource: 'string',
    state: 'string?',
    channel_ids: 'List[string]',
  }),
};

export const asteriskModels: Record<string, SwaggerModel> = {
  AsteriskInfo: model('AsteriskInfo', {
    build: 'object?',
    system: 'object?',
    config: 'object?',
    status: 'object?',
  }),
  AsteriskPing: model('AsteriskPing', { asterisk_id: 'string', ping: 'string', timestamp: 'string' }),
};

export const miscModels: Record<string, SwaggerModel> = {
  Sound: model('Sound', { id: 'string', text: 'string?', formats: 'List[object]' }),
  DeviceState: model('DeviceState', { name: 'string', state: 'string' }),
  Mailbox: model('Mailbox', { name: 'string', old_messages: 'int', new_messages: 'int' }),
};
