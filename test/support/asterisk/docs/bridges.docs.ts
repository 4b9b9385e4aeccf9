import { bridgeModels, playbackModels, recordingModels } from './models.docs';
import {
  api,
  op,
  PLAY_PARAMS,
  pathParam,
  queryParam as q,
  RECORD_PARAMS,
  type ResourceDeclaration,
} from './swagger.dsl';

const id = pathParam('bridgeId');
const create = [q('type'), q('name')];
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
      op('POST', 'play', 'Playback', [id, ...PLAY_PARAMS, q('playbackId')], bridgeErrors),
    ),
    api(
      '/bridges/{bridgeId}/play/{playbackId}',
      op('POST', 'playWithId', 'Playback', [id, pathParam('playbackId'), ...PLAY_PARAMS], bridgeErrors),
    ),
    api(
      '/bridges/{bridgeId}/record',
      op('POST', 'record', 'LiveRecording', [id, ...RECORD_PARAMS], {
        400: 'Invalid parameters',
        404: 'Bridge not found',
        409: 'Bridge is not in a Stasis application',
        422: 'The format specified is unknown on this system',
      }),
    ),
  ],
};
