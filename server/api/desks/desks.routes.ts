import { operation } from '../http/operation';
import { errorResponses, idParams } from '../openapi/common.schemas';
import type { DeskRatingsService } from './desk-ratings.service';
import {
  deskCreateBody,
  deskListResponse,
  deskPatchBody,
  deskRatingsQuery,
  deskRatingsResponse,
  deskSchema,
  visitorsBody,
} from './desks.schemas';
import type { DesksService } from './desks.service';

export function deskRoutes(desks: DesksService, ratings: DeskRatingsService) {
  return {
    ratings: operation(
      {
        operationId: 'deskRatings',
        summary:
          "A unit's citizen-site ratings per desk for a month, with each desk's share of visitors who rated",
        tag: 'desks',
        access: 'signed-in',
        params: idParams,
        query: deskRatingsQuery,
        responses: {
          200: { description: 'Ratings', schema: deskRatingsResponse },
          ...errorResponses(400, 401, 404),
        },
      },
      async ({ params, query, user }) => ({
        status: 200,
        body: await ratings.ofUnit(user, params.id, query.month),
      }),
    ),

    setVisitors: operation(
      {
        operationId: 'setDeskVisitors',
        summary:
          'Record how many visitors a desk served in a month (the share who rated is counted against it)',
        tag: 'desks',
        access: 'editor',
        params: idParams,
        body: visitorsBody,
        responses: {
          200: { description: "The unit's ratings for that month", schema: deskRatingsResponse },
          ...errorResponses(400, 401, 403, 404),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 200,
        body: await ratings.setVisitors(user, params.id, body.month, body.visitors, req.ip ?? null),
      }),
    ),

    list: operation(
      {
        operationId: 'listDesks',
        summary: "A unit's one-stop desks (each has its rating QR poster)",
        tag: 'desks',
        access: 'signed-in',
        params: idParams,
        responses: {
          200: { description: 'Desks', schema: deskListResponse },
          ...errorResponses(400, 401, 404),
        },
      },
      async ({ params, user }) => ({ status: 200, body: await desks.ofUnit(user, params.id) }),
    ),

    create: operation(
      {
        operationId: 'createDesk',
        summary: 'Add a desk to a unit',
        tag: 'desks',
        access: 'admin',
        params: idParams,
        body: deskCreateBody,
        responses: {
          201: { description: 'Created', schema: deskSchema },
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 201,
        body: await desks.create(user, params.id, body, req.ip ?? null),
      }),
    ),

    update: operation(
      {
        operationId: 'updateDesk',
        summary: 'Rename a desk, or make it (in)active',
        tag: 'desks',
        access: 'admin',
        params: idParams,
        body: deskPatchBody,
        responses: {
          200: { description: 'Changed', schema: deskSchema },
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 200,
        body: await desks.update(user, params.id, body, req.ip ?? null),
      }),
    ),
  };
}
