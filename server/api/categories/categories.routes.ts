import { operation } from '../http/operation';
import { errorResponses, idParams } from '../openapi/common.schemas';
import type { CategoriesRepository } from './categories.repo';
import {
  categoryCreateBody,
  categoryListResponse,
  categoryPatchBody,
  categorySchema,
} from './categories.schemas';

export function categoryRoutes(categories: CategoriesRepository) {
  return {
    list: operation(
      {
        operationId: 'listCategories',
        summary: 'The categories a ticket is filed under, active first',
        tag: 'tickets',
        access: 'signed-in',
        responses: {
          200: { description: 'Categories', schema: categoryListResponse },
          ...errorResponses(401),
        },
      },
      async () => ({ status: 200, body: await categories.list() }),
    ),

    create: operation(
      {
        operationId: 'createCategory',
        summary: 'Add a category',
        tag: 'tickets',
        access: 'admin',
        body: categoryCreateBody,
        responses: {
          201: { description: 'Created', schema: categorySchema },
          ...errorResponses(400, 401, 403, 409),
        },
      },
      async ({ body, user, req }) => ({
        status: 201,
        body: await categories.create(body.name, user.id, req.ip ?? null),
      }),
    ),

    update: operation(
      {
        operationId: 'updateCategory',
        summary: 'Rename a category (its tickets follow) or stop offering it',
        tag: 'tickets',
        access: 'admin',
        params: idParams,
        body: categoryPatchBody,
        responses: {
          200: { description: 'Changed', schema: categorySchema },
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 200,
        body: await categories.update(params.id, body, user.id, req.ip ?? null),
      }),
    ),
  };
}
