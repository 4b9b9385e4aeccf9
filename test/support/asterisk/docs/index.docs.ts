import { bridgesDocs } from './bridges.docs';
import { channelsDocs } from './channels.docs';
import { playbacksDocs, recordingsDocs, soundsDocs } from './media.docs';
import { declaration, type ResourceDeclaration } from './swagger.dsl';
import {
  applicationsDocs,
  asteriskDocs,
  deviceStatesDocs,
  endpointsDocs,
  eventsDocs,
  mailboxesDocs,
} from './system.docs';

// Same order as Asterisk's resources.json.
const resources: ResourceDeclaration[] = [
  asteriskDocs,
  endpointsDocs,
  channelsDocs,
  bridgesDocs,
  recordingsDocs,
  soundsDocs,
  playbacksDocs,
  deviceStatesDocs,
  mailboxesDocs,
  eventsDocs,
  applicationsDocs,
];

/** basePath must be absolute: swagger-client builds every operation URL from it. */
export function resourceListing(baseUrl: string): object {
  return {
    apiVersion: '2.0.0',
    swaggerVersion: '1.1',
    basePath: baseUrl,
    apis: resources.map((r) => ({ path: `/api-docs/${r.name}.{format}`, description: r.description })),
  };
}

export function resourceDeclaration(name: string, baseUrl: string): object | undefined {
  const resource = resources.find((r) => r.name === name);
  return resource ? declaration(resource, baseUrl) : undefined;
}
