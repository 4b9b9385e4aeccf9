import { operation } from '../http/operation';
import { bigIdParams, errorResponses } from '../openapi/common.schemas';
import { ticketSchema } from '../tickets/tickets.schemas';
import { callbackBody, callbackStarted, calledBackBody, telephonySchema } from './callbacks.schemas';
import type { CallbacksService } from './callbacks.service';

/** `hasRecordings`: a recording store is configured (ARI_URL set), whether connected or not. */
export function callbackRoutes(callbacks: CallbacksService, hasRecordings: boolean) {
  return {
    telephony: operation(
      {
        operationId: 'getTelephony',
        summary: 'Whether a switchboard is there: recordings can be played, callbacks placed',
        tag: 'tickets',
        access: 'signed-in',
        responses: { 200: { description: 'The state now', schema: telephonySchema }, ...errorResponses(401) },
      },
      async () => ({ status: 200, body: callbacks.telephony(hasRecordings) }),
    ),

    start: operation(
      {
        operationId: 'startTicketCallback',
        summary:
          "Call the citizen back: the official's phone rings first, then the citizen, and they are bridged",
        tag: 'tickets',
        access: 'editor',
        params: bigIdParams,
        body: callbackBody,
        responses: {
          202: {
            description: 'Started; each step and the result go to the ticket timeline',
            schema: callbackStarted,
          },
          ...errorResponses(400, 401, 403, 404, 409, 503),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 202,
        body: await callbacks.start(user, params.id, body, req.ip ?? null),
      }),
    ),

    calledBack: operation(
      {
        operationId: 'recordTicketCalledBack',
        summary:
          'Record a callback the official placed themselves (from their own phone), with its result, on the timeline',
        tag: 'tickets',
        access: 'editor',
        params: bigIdParams,
        body: calledBackBody,
        responses: {
          200: { description: 'Recorded; the ticket as it is now', schema: ticketSchema },
          ...errorResponses(400, 401, 403, 404),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 200,
        body: await callbacks.recordCalledBack(user, params.id, body, req.ip ?? null),
      }),
    ),
  };
}
