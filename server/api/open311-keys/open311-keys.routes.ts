import { operation } from '../http/operation';
import { errorResponses, idParams } from '../openapi/common.schemas';
import type { Open311KeysRepository } from './open311-keys.repo';
import {
  open311KeyCreateBody,
  open311KeyCreated,
  open311KeyListResponse,
  open311KeySchema,
} from './open311-keys.schemas';

export function open311KeyRoutes(keys: Open311KeysRepository) {
  return {
    list: operation(
      {
        operationId: 'listOpen311Keys',
        summary: 'The API keys issued to Open311 clients, those in use first (never the keys themselves)',
        tag: 'open311',
        access: 'admin',
        responses: {
          200: { description: 'Keys', schema: open311KeyListResponse },
          ...errorResponses(401, 403),
        },
      },
      async () => ({ status: 200, body: await keys.list() }),
    ),

    create: operation(
      {
        operationId: 'createOpen311Key',
        summary: 'Issue a key to an Open311 client; the answer is the only time the key is shown',
        tag: 'open311',
        access: 'admin',
        body: open311KeyCreateBody,
        responses: {
          201: { description: 'Issued', schema: open311KeyCreated },
          ...errorResponses(400, 401, 403),
        },
      },
      async ({ body, user, req }) => ({
        status: 201,
        body: await keys.create(body.name, user.id, req.ip ?? null),
      }),
    ),

    revoke: operation(
      {
        operationId: 'revokeOpen311Key',
        summary: 'Revoke a key: requests posted with it are refused (403) from now on',
        tag: 'open311',
        access: 'admin',
        params: idParams,
        responses: {
          200: { description: 'Revoked', schema: open311KeySchema },
          ...errorResponses(401, 403, 404),
        },
      },
      async ({ params, user, req }) => ({
        status: 200,
        body: await keys.revoke(params.id, user.id, req.ip ?? null),
      }),
    ),
  };
}
