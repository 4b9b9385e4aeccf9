import { operation } from '../http/operation';
import { errorResponses, idParams } from '../openapi/common.schemas';
import {
  accountCreateBody,
  accountListResponse,
  accountPatchBody,
  accountSchema,
  passwordResetBody,
} from './users.schemas';
import type { UsersService } from './users.service';

export function userRoutes(users: UsersService) {
  return {
    list: operation(
      {
        operationId: 'listUsers',
        summary: 'Every user, active first, with role, units and failed sign-ins',
        tag: 'users',
        access: 'admin',
        responses: {
          200: { description: 'Users', schema: accountListResponse },
          ...errorResponses(401, 403),
        },
      },
      async () => ({ status: 200, body: await users.list() }),
    ),

    create: operation(
      {
        operationId: 'createUser',
        summary: 'Create a user; they choose their own password at the first sign-in',
        tag: 'users',
        access: 'admin',
        body: accountCreateBody,
        responses: {
          201: { description: 'Created', schema: accountSchema },
          ...errorResponses(400, 401, 403, 409),
        },
      },
      async ({ body, user, req }) => ({ status: 201, body: await users.create(user, body, req.ip ?? null) }),
    ),

    update: operation(
      {
        operationId: 'updateUser',
        summary:
          'Change a user’s display name, role, units or whether they are active; deactivating ends their sessions at once',
        tag: 'users',
        access: 'admin',
        params: idParams,
        body: accountPatchBody,
        responses: {
          200: { description: 'Changed', schema: accountSchema },
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 200,
        body: await users.update(user, params.id, body, req.ip ?? null),
      }),
    ),

    resetPassword: operation(
      {
        operationId: 'resetUserPassword',
        summary: 'Give a user a new password; ends their sessions and lifts a sign-in hold',
        tag: 'users',
        access: 'admin',
        params: idParams,
        body: passwordResetBody,
        responses: {
          200: { description: 'Reset', schema: accountSchema },
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 200,
        body: await users.resetPassword(user, params.id, body.password, req.ip ?? null),
      }),
    ),

    unlock: operation(
      {
        operationId: 'unlockUser',
        summary: 'Forget the failed sign-ins counted against a user name, so they may sign in at once',
        tag: 'users',
        access: 'admin',
        params: idParams,
        responses: {
          200: { description: 'Unlocked', schema: accountSchema },
          ...errorResponses(400, 401, 403, 404),
        },
      },
      async ({ params, user, req }) => ({
        status: 200,
        body: await users.unlock(user, params.id, req.ip ?? null),
      }),
    ),
  };
}
