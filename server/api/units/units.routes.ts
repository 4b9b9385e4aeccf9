import { operation } from '../http/operation';
import { errorResponses, idParams } from '../openapi/common.schemas';
import {
  contactCreateBody,
  contactPatchBody,
  contactSchema,
  directNumberBody,
  unitCreateBody,
  unitListResponse,
  unitPatchBody,
  unitSchema,
} from './units.schemas';
import type { UnitsService } from './units.service';

export function unitRoutes(units: UnitsService) {
  return {
    list: operation(
      {
        operationId: 'listUnits',
        summary: 'Units (wards, departments, the district) with their contacts, within your scope',
        tag: 'units',
        access: 'signed-in',
        responses: { 200: { description: 'Units', schema: unitListResponse }, ...errorResponses(401) },
      },
      async ({ user }) => ({ status: 200, body: await units.list(user) }),
    ),

    create: operation(
      {
        operationId: 'createUnit',
        summary: 'Create a unit; its code is the keys a caller presses',
        tag: 'units',
        access: 'admin',
        body: unitCreateBody,
        responses: {
          201: { description: 'Created', schema: unitSchema },
          ...errorResponses(400, 401, 403, 409),
        },
      },
      async ({ body, user, req }) => ({ status: 201, body: await units.create(user, body, req.ip ?? null) }),
    ),

    update: operation(
      {
        operationId: 'updateUnit',
        summary: 'Change a unit',
        tag: 'units',
        access: 'admin',
        params: idParams,
        body: unitPatchBody,
        responses: {
          200: { description: 'Changed', schema: unitSchema },
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 200,
        body: await units.update(user, params.id, body, req.ip ?? null),
      }),
    ),

    setDirectNumber: operation(
      {
        operationId: 'setUnitDirectNumber',
        summary: "Set or clear the unit's own number (a ward's DID), which its posters dial",
        tag: 'units',
        access: 'admin',
        params: idParams,
        body: directNumberBody,
        responses: {
          200: { description: 'Changed', schema: unitSchema },
          ...errorResponses(400, 401, 403, 404),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 200,
        body: await units.setDirectNumber(user, params.id, body.directNumber, req.ip ?? null),
      }),
    ),

    createContact: operation(
      {
        operationId: 'createContact',
        summary: 'Add a person who answers for the unit, with the number or endpoint to ring',
        tag: 'units',
        access: 'admin',
        params: idParams,
        body: contactCreateBody,
        responses: {
          201: { description: 'Created', schema: contactSchema },
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 201,
        body: await units.createContact(user, params.id, body, req.ip ?? null),
      }),
    ),

    updateContact: operation(
      {
        operationId: 'updateContact',
        summary: 'Change a contact',
        tag: 'units',
        access: 'admin',
        params: idParams,
        body: contactPatchBody,
        responses: {
          200: { description: 'Changed', schema: contactSchema },
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 200,
        body: await units.updateContact(user, params.id, body, req.ip ?? null),
      }),
    ),

    deleteContact: operation(
      {
        operationId: 'deleteContact',
        summary: 'Remove a contact (and their shifts and overrides)',
        tag: 'units',
        access: 'admin',
        params: idParams,
        responses: { 204: { description: 'Removed' }, ...errorResponses(400, 401, 403, 404) },
      },
      async ({ params, user, req }) => {
        await units.deleteContact(user, params.id, req.ip ?? null);
        return { status: 204 };
      },
    ),
  };
}
