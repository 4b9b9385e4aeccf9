import { miscModels, playbackModels, recordingModels } from './models.docs';
import { api, op, pathParam, queryParam as q, type ResourceDeclaration } from './swagger.dsl';

const playbackId = pathParam('playbackId');
const name = pathParam('recordingName');
const liveErrors = { 404: 'Recording not found', 409: 'Recording not in session' };

export const playbacksDocs: ResourceDeclaration = {
  name: 'playbacks',
  description: 'Playback control resources',
  models: playbackModels,
  apis: [
    api(
      '/playbacks/{playbackId}',
      op('GET', 'get', 'Playback', [playbackId], { 404: 'The playback cannot be found' }),
      op('DELETE', 'stop', 'void', [playbackId], { 404: 'The playback cannot be found' }),
    ),
    api(
      '/playbacks/{playbackId}/control',
      op('POST', 'control', 'void', [playbackId, q('operation', 'string', { required: true })], {
        400: 'The provided operation parameter was invalid',
        404: 'The playback cannot be found',
        409: "The operation cannot be performed in the playback's current state",
      }),
    ),
  ],
};

export const recordingsDocs: ResourceDeclaration = {
  name: 'recordings',
  description: 'Recording resources',
  models: recordingModels,
  apis: [
    api('/recordings/stored', op('GET', 'listStored', 'List[StoredRecording]', [])),
    api(
      '/recordings/stored/{recordingName}',
      op('GET', 'getStored', 'StoredRecording', [name], { 404: 'Recording not found' }),
      op('DELETE', 'deleteStored', 'void', [name], { 404: 'Recording not found' }),
    ),
    api(
      '/recordings/stored/{recordingName}/file',
      op('GET', 'getStoredFile', 'binary', [name], {
        403: 'The recording file could not be opened',
        404: 'Recording not found',
      }),
    ),
    api(
      '/recordings/stored/{recordingName}/copy',
      op(
        'POST',
        'copyStored',
        'StoredRecording',
        [name, q('destinationRecordingName', 'string', { required: true })],
        { 404: 'Recording not found', 409: 'A recording with the same name already exists on the system' },
      ),
    ),
    api(
      '/recordings/live/{recordingName}',
      op('GET', 'getLive', 'LiveRecording', [name], { 404: 'Recording not found' }),
      op('DELETE', 'cancel', 'void', [name], { 404: 'Recording not found' }),
    ),
    api(
      '/recordings/live/{recordingName}/stop',
      op('POST', 'stop', 'void', [name], { 404: 'Recording not found' }),
    ),
    api(
      '/recordings/live/{recordingName}/pause',
      op('POST', 'pause', 'void', [name], liveErrors),
      op('DELETE', 'unpause', 'void', [name], liveErrors),
    ),
    api(
      '/recordings/live/{recordingName}/mute',
      op('POST', 'mute', 'void', [name], liveErrors),
      op('DELETE', 'unmute', 'void', [name], liveErrors),
    ),
  ],
};

export const soundsDocs: ResourceDeclaration = {
  name: 'sounds',
  description: 'Sound resources',
  models: { Sound: miscModels.Sound ?? { id: 'Sound', description: 'Sound', properties: {} } },
  apis: [
    api('/sounds', op('GET', 'list', 'List[Sound]', [q('lang'), q('format')])),
    api('/sounds/{soundId}', op('GET', 'get', 'Sound', [pathParam('soundId')])),
  ],
};
