import { channelModels, playbackModels, recordingModels } from './models.docs';
import {
  api,
  bodyParam,
  op,
  PLAY_PARAMS,
  pathParam,
  queryParam as q,
  RECORD_PARAMS,
  type ResourceDeclaration,
} from './swagger.dsl';

const id = pathParam('channelId');
const notFound = { 404: 'Channel not found', 409: 'Channel not in a Stasis application' };
const originateParams = [
  q('endpoint', 'string', { required: true }),
  q('extension'),
  q('context'),
  q('priority', 'long'),
  q('label'),
  q('app'),
  q('appArgs'),
  q('callerId'),
  q('timeout', 'int', { defaultValue: 30 }),
  bodyParam('variables'),
  q('otherChannelId'),
  q('originator'),
  q('formats'),
];

export const channelsDocs: ResourceDeclaration = {
  name: 'channels',
  description: 'Channel resources',
  models: { ...channelModels, ...playbackModels, ...recordingModels },
  apis: [
    api(
      '/channels',
      op('GET', 'list', 'List[Channel]', []),
      op('POST', 'originate', 'Channel', [...originateParams, q('channelId')], { 400: 'Invalid parameters' }),
    ),
    api(
      '/channels/create',
      op(
        'POST',
        'create',
        'Channel',
        [
          q('endpoint', 'string', { required: true }),
          q('app', 'string', { required: true }),
          q('appArgs'),
          q('channelId'),
          q('otherChannelId'),
          q('originator'),
          q('formats'),
          bodyParam('variables'),
        ],
        { 409: 'Channel with given unique ID already exists' },
      ),
    ),
    api(
      '/channels/{channelId}',
      op('GET', 'get', 'Channel', [id], { 404: 'Channel not found' }),
      op('POST', 'originateWithId', 'Channel', [id, ...originateParams]),
      op('DELETE', 'hangup', 'void', [id, q('reason_code'), q('reason')], {
        400: 'Invalid reason',
        404: 'Not found',
      }),
    ),
    api(
      '/channels/{channelId}/continue',
      op(
        'POST',
        'continueInDialplan',
        'void',
        [id, q('context'), q('extension'), q('priority', 'int'), q('label')],
        notFound,
      ),
    ),
    api('/channels/{channelId}/answer', op('POST', 'answer', 'void', [id], notFound)),
    api(
      '/channels/{channelId}/ring',
      op('POST', 'ring', 'void', [id], notFound),
      op('DELETE', 'ringStop', 'void', [id], notFound),
    ),
    api(
      '/channels/{channelId}/dtmf',
      op(
        'POST',
        'sendDTMF',
        'void',
        [id, q('dtmf'), q('before', 'int'), q('between', 'int'), q('duration', 'int'), q('after', 'int')],
        notFound,
      ),
    ),
    api(
      '/channels/{channelId}/mute',
      op('POST', 'mute', 'void', [id, q('direction')], notFound),
      op('DELETE', 'unmute', 'void', [id, q('direction')], notFound),
    ),
    api(
      '/channels/{channelId}/hold',
      op('POST', 'hold', 'void', [id], notFound),
      op('DELETE', 'unhold', 'void', [id], notFound),
    ),
    api(
      '/channels/{channelId}/moh',
      op('POST', 'startMoh', 'void', [id, q('mohClass')], notFound),
      op('DELETE', 'stopMoh', 'void', [id], notFound),
    ),
    api(
      '/channels/{channelId}/silence',
      op('POST', 'startSilence', 'void', [id], notFound),
      op('DELETE', 'stopSilence', 'void', [id], notFound),
    ),
    api(
      '/channels/{channelId}/play',
      op('POST', 'play', 'Playback', [id, ...PLAY_PARAMS, q('playbackId')], notFound),
    ),
    api(
      '/channels/{channelId}/play/{playbackId}',
      op('POST', 'playWithId', 'Playback', [id, pathParam('playbackId'), ...PLAY_PARAMS], notFound),
    ),
    api(
      '/channels/{channelId}/record',
      op('POST', 'record', 'LiveRecording', [id, ...RECORD_PARAMS], {
        400: 'Invalid parameters',
        404: 'Channel not found',
        409: 'Channel is not in a Stasis application; the channel is currently bridged with other channels; A recording with the same name already exists on the system and can not be overwritten because it is in progress or ifExists=fail',
        422: 'The format specified is unknown on this system',
      }),
    ),
    api(
      '/channels/{channelId}/variable',
      op('GET', 'getChannelVar', 'Variable', [id, q('variable', 'string', { required: true })], notFound),
      op(
        'POST',
        'setChannelVar',
        'void',
        [id, q('variable', 'string', { required: true }), q('value')],
        notFound,
      ),
    ),
    api(
      '/channels/{channelId}/dial',
      op('POST', 'dial', 'void', [id, q('caller'), q('timeout', 'int', { defaultValue: 0 })], {
        ...notFound,
        412: 'Channel cannot be dialed',
      }),
    ),
    api(
      '/channels/{channelId}/redirect',
      op('POST', 'redirect', 'void', [id, q('endpoint', 'string', { required: true })], notFound),
    ),
  ],
};
