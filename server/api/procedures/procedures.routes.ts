import { operation } from '../http/operation';
import { errorResponses, idParams } from '../openapi/common.schemas';
import {
  procedureCreateBody,
  procedureListQuery,
  procedureListResponse,
  procedurePatchBody,
  procedureSchema,
} from './procedures.schemas';
import type { ProceduresService } from './procedures.service';

/** The procedures catalogue (issue 13, item 6): Home Affairs keeps it; the citizen site shows it. */
export function procedureRoutes(procedures: ProceduresService) {
  return {
    list: operation(
      {
        operationId: 'listProcedures',
        summary: 'The procedures catalogue by name, active and inactive',
        tag: 'procedures',
        access: 'admin',
        query: procedureListQuery,
        responses: {
          200: { description: 'Procedures', schema: procedureListResponse },
          ...errorResponses(400, 401, 403),
        },
      },
      async ({ query }) => ({
        status: 200,
        body: await procedures.list(query.active === undefined ? undefined : query.active === 'true'),
      }),
    ),

    create: operation(
      {
        operationId: 'createProcedure',
        summary: 'Add a procedure: its page and poster follow from its code',
        tag: 'procedures',
        access: 'admin',
        body: procedureCreateBody,
        responses: {
          201: { description: 'Created', schema: procedureSchema },
          ...errorResponses(400, 401, 403, 409),
        },
      },
      async ({ body, user, req }) => ({
        status: 201,
        body: await procedures.create(body, { userId: user.id, ip: req.ip ?? null }),
      }),
    ),

    update: operation(
      {
        operationId: 'updateProcedure',
        summary: 'Change any field of a procedure, its active flag included',
        tag: 'procedures',
        access: 'admin',
        params: idParams,
        body: procedurePatchBody,
        responses: {
          200: { description: 'Changed', schema: procedureSchema },
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 200,
        body: await procedures.update(params.id, body, { userId: user.id, ip: req.ip ?? null }),
      }),
    ),

    deactivate: operation(
      {
        operationId: 'deactivateProcedure',
        summary: 'Take a procedure off the citizen site; tickets about it keep naming it',
        tag: 'procedures',
        access: 'admin',
        params: idParams,
        responses: {
          200: { description: 'Deactivated', schema: procedureSchema },
          ...errorResponses(401, 403, 404),
        },
      },
      async ({ params, user, req }) => ({
        status: 200,
        body: await procedures.deactivate(params.id, { userId: user.id, ip: req.ip ?? null }),
      }),
    ),
  };
}
