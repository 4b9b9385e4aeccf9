import { z } from 'zod';
import { operation } from '../http/operation';
import { errorResponses, idParams } from '../openapi/common.schemas';
import {
  dutyTargetSchema,
  onDutyQuery,
  overrideBody,
  overrideSchema,
  overridesQuery,
  shiftSchema,
  shiftsBody,
} from './rosters.schemas';
import type { RostersService } from './rosters.service';

export function rosterRoutes(rosters: RostersService) {
  return {
    shifts: operation(
      {
        operationId: 'listShifts',
        summary: "The unit's weekly duty grid",
        tag: 'rosters',
        access: 'signed-in',
        params: idParams,
        responses: {
          200: { description: 'Shifts', schema: z.array(shiftSchema) },
          ...errorResponses(400, 401, 404),
        },
      },
      async ({ params, user }) => ({ status: 200, body: await rosters.shifts(user, params.id) }),
    ),

    replaceShifts: operation(
      {
        operationId: 'replaceShifts',
        summary: "Replace the unit's weekly duty grid; the running IVR follows at once",
        tag: 'rosters',
        access: 'admin',
        params: idParams,
        body: shiftsBody,
        responses: {
          200: { description: 'The new grid', schema: z.array(shiftSchema) },
          ...errorResponses(400, 401, 403, 404),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 200,
        body: await rosters.replaceShifts(user, params.id, body.shifts, req.ip ?? null),
      }),
    ),

    overrides: operation(
      {
        operationId: 'listOverrides',
        summary: "The unit's dated overrides (holidays, leave)",
        tag: 'rosters',
        access: 'signed-in',
        params: idParams,
        query: overridesQuery,
        responses: {
          200: { description: 'Overrides', schema: z.array(overrideSchema) },
          ...errorResponses(400, 401, 404),
        },
      },
      async ({ params, query, user }) => ({
        status: 200,
        body: await rosters.overrides(user, params.id, query.from),
      }),
    ),

    createOverride: operation(
      {
        operationId: 'createOverride',
        summary: 'Add a dated override: these people (or nobody) instead of the weekly grid',
        tag: 'rosters',
        access: 'admin',
        params: idParams,
        body: overrideBody,
        responses: {
          201: { description: 'Created', schema: overrideSchema },
          ...errorResponses(400, 401, 403, 404),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 201,
        body: await rosters.createOverride(user, params.id, body, req.ip ?? null),
      }),
    ),

    deleteOverride: operation(
      {
        operationId: 'deleteOverride',
        summary: 'Remove a dated override',
        tag: 'rosters',
        access: 'admin',
        params: idParams,
        responses: { 204: { description: 'Removed' }, ...errorResponses(400, 401, 403, 404) },
      },
      async ({ params, user, req }) => {
        await rosters.deleteOverride(user, params.id, req.ip ?? null);
        return { status: 204 };
      },
    ),

    onDuty: operation(
      {
        operationId: 'onDuty',
        summary: 'Who the IVR rings, in order, for a call to the unit at a given time (same rule as the IVR)',
        tag: 'rosters',
        access: 'signed-in',
        params: idParams,
        query: onDutyQuery,
        responses: {
          200: { description: 'Targets in ringing order', schema: z.array(dutyTargetSchema) },
          ...errorResponses(400, 401, 404),
        },
      },
      async ({ params, query, user }) => ({
        status: 200,
        body: await rosters.onDuty(user, params.id, query.at),
      }),
    ),
  };
}
