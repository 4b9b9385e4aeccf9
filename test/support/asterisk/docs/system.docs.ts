import { eventModels } from './events.docs';
import { applicationModels, asteriskModels, endpointModels, miscModels } from './models.docs';
import { api, bodyParam, op, pathParam, queryParam as q, type ResourceDeclaration } from './swagger.dsl';

const app = pathParam('applicationName');

export const asteriskDocs: ResourceDeclaration = {
  name: 'asterisk',
  description: 'Asterisk resources',
  models: asteriskModels,
  apis: [
    api('/asterisk/info', op('GET', 'getInfo', 'AsteriskInfo', [q('only', 'string', { multiple: true })])),
    api('/asterisk/ping', op('GET', 'ping', 'AsteriskPing', [])),
    api(
      '/asterisk/variable',
      op('GET', 'getGlobalVar', 'Variable', [q('variable', 'string', { required: true })]),
      op('POST', 'setGlobalVar', 'void', [q('variable', 'string', { required: true }), q('value')]),
    ),
  ],
};

export const endpointsDocs: ResourceDeclaration = {
  name: 'endpoints',
  description: 'Endpoint resources',
  models: endpointModels,
  apis: [
    api('/endpoints', op('GET', 'list', 'List[Endpoint]', [])),
    api('/endpoints/{tech}', op('GET', 'listByTech', 'List[Endpoint]', [pathParam('tech')])),
    api(
      '/endpoints/{tech}/{resource}',
      op('GET', 'get', 'Endpoint', [pathParam('tech'), pathParam('resource')], { 404: 'Endpoint not found' }),
    ),
    api(
      '/endpoints/sendMessage',
      op('PUT', 'sendMessage', 'void', [
        q('to', 'string', { required: true }),
        q('from', 'string', { required: true }),
        q('body'),
        bodyParam('variables'),
      ]),
    ),
  ],
};

export const applicationsDocs: ResourceDeclaration = {
  name: 'applications',
  description: 'Stasis application resources',
  models: applicationModels,
  apis: [
    api('/applications', op('GET', 'list', 'List[Application]', [])),
    api(
      '/applications/{applicationName}',
      op('GET', 'get', 'Application', [app], { 404: 'Application does not exist.' }),
    ),
    api(
      '/applications/{applicationName}/subscription',
      op('POST', 'subscribe', 'Application', [
        app,
        q('eventSource', 'string', { required: true, multiple: true }),
      ]),
      op('DELETE', 'unsubscribe', 'Application', [
        app,
        q('eventSource', 'string', { required: true, multiple: true }),
      ]),
    ),
    api(
      '/applications/{applicationName}/eventFilter',
      op('PUT', 'filter', 'Application', [app, bodyParam('filter')]),
    ),
  ],
};

export const deviceStatesDocs: ResourceDeclaration = {
  name: 'deviceStates',
  description: 'Device state resources',
  models: { DeviceState: miscModels.DeviceState ?? { id: 'DeviceState', description: '', properties: {} } },
  apis: [
    api('/deviceStates', op('GET', 'list', 'List[DeviceState]', [])),
    api(
      '/deviceStates/{deviceName}',
      op('GET', 'get', 'DeviceState', [pathParam('deviceName')]),
      op('PUT', 'update', 'void', [pathParam('deviceName'), q('deviceState', 'string', { required: true })]),
      op('DELETE', 'delete', 'void', [pathParam('deviceName')]),
    ),
  ],
};

export const mailboxesDocs: ResourceDeclaration = {
  name: 'mailboxes',
  description: 'Mailboxes resources',
  models: { Mailbox: miscModels.Mailbox ?? { id: 'Mailbox', description: '', properties: {} } },
  apis: [
    api('/mailboxes', op('GET', 'list', 'List[Mailbox]', [])),
    api(
      '/mailboxes/{mailboxName}',
      op('GET', 'get', 'Mailbox', [pathParam('mailboxName')]),
      op('PUT', 'update', 'void', [
        pathParam('mailboxName'),
        q('oldMessages', 'int', { required: true }),
        q('newMessages', 'int', { required: true }),
      ]),
      op('DELETE', 'delete', 'void', [pathParam('mailboxName')]),
    ),
  ],
};

export const eventsDocs: ResourceDeclaration = {
  name: 'events',
  description: 'WebSocket resource',
  models: eventModels,
  apis: [
    api(
      '/events',
      op('GET', 'eventWebsocket', 'Message', [
        q('app', 'string', { required: true, multiple: true }),
        q('subscribeAll', 'boolean'),
      ]),
    ),
    api(
      '/events/user/{eventName}',
      op('POST', 'userEvent', 'void', [
        pathParam('eventName'),
        q('application', 'string', { required: true }),
        q('source', 'string', { multiple: true }),
        bodyParam('variables'),
      ]),
    ),
  ],
};
