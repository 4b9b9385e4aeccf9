import { bridgeModels, playbackModels, recordingModels } from './models.docs';
import { api, op, pathParam, queryParam as q, type ResourceDeclaration } from './swagger.dsl';

const id = pathParam('bridgeId');
const create = [q('type'), q('name')];
const play = [
  q('media', 'string', { required: true, multiple: true }),
  q('lang'),
  q('offsetms', 'int'),
  q('skipms', 'int', { defaultValue: 3000 }),
];
const bridgeErrors = { 404: 'Bridge not found', 409: 'Bridge not in a Stasis application' };

export const bridgesDocs: ResourceDeclaration = {
  name: 'bridges',
  description: 'Bridge resources',
  models: { ...bridgeModels, ...playbackModels, ...recordingModels },
  apis: [
    api(
      '/bridges',
      op('GET', 'list', 'List[Bridge]', []),
      op('POST', 'create', 'Bridge', [...create, q('bridgeId')]),
    ),
    api(
      '/bridges/{bridgeId}',
      op('POST', 'createWithId', 'Bridge', [id, ...create]),
      op('GET', 'get', 'Bridge', [id], { 404: 'Bridge not found' }),
      op('DELETE', 'destroy', 'void', [id], { 404: 'Bridge not found' }),
    ),
    api(
      '/bridges/{bridgeId}/addChannel',
      op(
        'POST',
        'addChannel',
        'void',
        [
          id,
          q('channel', 'string', { required: true, multiple: true }),
          q('role'),
          q('absorbDTMF', 'boolean'),
          q('mute', 'boolean'),
          q('inhibitConnectedLineUpdates', 'boolean'),
        ],
        {
          400: 'Channel not found',
          404: 'Bridge not found',
          409: 'Bridge not in Stasis application; Channel currently recording',
          422: 'Channel not in Stasis application',
        },
      ),
    ),
    api(
      '/bridges/{bridgeId}/removeChannel',
      op('POST', 'removeChannel', 'void', [id, q('channel', 'string', { required: true, multiple: true })], {
        400: 'Channel not found',
        404: 'Bridge not found',
        409: 'Bridge not in Stasis application',
        422: 'Channel not in this bridge',
      }),
    ),
    api(
      '/bridges/{bridgeId}/moh',
      op('POST', 'startMoh', 'void', [id, q('mohClass')], bridgeErrors),
      op('DELETE', 'stopMoh', 'void', [id], bridgeErrors),
    ),
    api(
      '/bridges/{bridgeId}/play',
      op('POST', 'play', 'Playback', [id, ...play, q('playbackId')], bridgeErrors),
    ),
    api(
      '/bridges/{bridgeId}/play/{playbackId}',
      op('POST', 'playWithId', 'Playback', [id, pathParam('playbackId'), ...play], bridgeErrors),
    ),
    api(
      '/bridges/{bridgeId}/record',
      op(
        'POST',
        'record',
        'LiveRecording',
        [
          id,
          q('name', 'string', { required: true }),
          q('format', 'string', { required: true }),
          q('maxDurationSeconds', 'int', { defaultValue: 0 }),
          q('maxSilenceSeconds', 'int', { defaultValue: 0 }),
          q('ifExists', 'string', { defaultValue: 'fail', values: ['fail', 'overwrite', 'append'] }),
          q('beep', 'boolean', { defaultValue: false }),
          q('terminateOn', 'string', { defaultValue: 'none', values: ['none', 'any', '*', '#'] }),
        ],
        {
          400: 'Invalid parameters',
          404: 'Bridge not found',
          409: 'Bridge is not in a Stasis application',
          422: 'The format specified is unknown on this system',
        },
      ),
    ),
  ],
};
