import type { RecordingStore } from '../../../core/tickets/recording-store.port';
import { operation } from '../http/operation';
import { bigIdParams, errorResponses } from '../openapi/common.schemas';
import { streamRecording } from './recordings';
import type { SpamService } from './spam.service';
import type { TicketMedia } from './ticket-media.service';
import type { TicketTransfers } from './ticket-transfer';
import type { TicketBulk } from './tickets.bulk';
import { bulkBody, bulkResultSchema } from './tickets.bulk.schemas';
import {
  noteBody,
  spamBody,
  ticketEventSchema,
  ticketListQuery,
  ticketListResponse,
  ticketPatchBody,
  ticketPhotoParams,
  ticketSchema,
  transferBody,
  transferredSchema,
} from './tickets.schemas';
import type { TicketsService } from './tickets.service';
import type { MediaKind } from './tickets.view';

const audio = (what: string) => ({
  200: { description: `The ${what} as audio (WAV), streamed from Asterisk`, contentType: 'audio/wav' },
  206: { description: 'Part of it, for a Range request', contentType: 'audio/wav' },
  ...errorResponses(401, 404, 502),
});

export function ticketRoutes(
  tickets: TicketsService,
  spam: SpamService,
  transfers: TicketTransfers,
  bulk: TicketBulk,
  media: TicketMedia,
  recordings: RecordingStore | undefined,
) {
  const audioOf = (kind: MediaKind) =>
    operation(
      {
        operationId: kind === 'recording' ? 'getTicketRecording' : 'getTicketVoicemail',
        summary: `Play the ${kind === 'recording' ? 'call recording' : 'voice message'} of a ticket (audited)`,
        tag: 'tickets',
        access: 'signed-in',
        params: bigIdParams,
        responses: audio(kind),
      },
      async ({ params, user, req, res }) => {
        const name = await media.mediaName(user, params.id, kind, req.ip ?? null);
        await streamRecording(recordings, name, req.get('range'), res);
        return undefined;
      },
    );

  return {
    list: operation(
      {
        operationId: 'listTickets',
        summary:
          'The call log: tickets newest first, filtered, one keyset page at a time (viewers never see confidential tickets)',
        tag: 'tickets',
        access: 'signed-in',
        query: ticketListQuery,
        responses: {
          200: { description: 'A page', schema: ticketListResponse },
          ...errorResponses(400, 401),
        },
      },
      async ({ query, user, req }) => ({
        status: 200,
        body: await tickets.list(user, query, req.ip ?? null),
      }),
    ),

    get: operation(
      {
        operationId: 'getTicket',
        summary: 'A ticket with its timeline',
        tag: 'tickets',
        access: 'signed-in',
        params: bigIdParams,
        responses: {
          200: { description: 'The ticket', schema: ticketSchema },
          ...errorResponses(400, 401, 404),
        },
      },
      async ({ params, user, req }) => ({
        status: 200,
        body: await tickets.get(user, params.id, req.ip ?? null),
      }),
    ),

    update: operation(
      {
        operationId: 'updateTicket',
        summary: 'Edit category, summary, status (with reason), due time or (admins only) confidentiality',
        tag: 'tickets',
        access: 'editor',
        params: bigIdParams,
        body: ticketPatchBody,
        responses: {
          200: { description: 'The ticket after the change', schema: ticketSchema },
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 200,
        body: await tickets.update(user, params.id, body, req.ip ?? null),
      }),
    ),

    transfer: operation(
      {
        operationId: 'transferTicket',
        summary:
          'Send a ticket to another unit: on its timeline, audited, and the new unit is notified by e-mail',
        tag: 'tickets',
        access: 'editor',
        params: bigIdParams,
        body: transferBody,
        responses: {
          200: { description: 'Transferred', schema: transferredSchema },
          ...errorResponses(400, 401, 403, 404),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 200,
        body: await transfers.transfer(user, params.id, body, req.ip ?? null),
      }),
    ),

    bulk: operation(
      {
        operationId: 'changeTicketsInBulk',
        summary:
          'Close (with a reason) or transfer (admins) many tickets at once: each as its single-ticket action does it (timeline, audit), with a result per ticket',
        tag: 'tickets',
        access: 'editor',
        body: bulkBody,
        responses: {
          200: { description: 'Which tickets changed, and why the others did not', schema: bulkResultSchema },
          ...errorResponses(400, 401, 403),
        },
      },
      async ({ body, user, req }) => ({
        status: 200,
        body: await bulk.apply(user, body, req.ip ?? null),
      }),
    ),

    addNote: operation(
      {
        operationId: 'addTicketNote',
        summary: 'Add a note to the ticket timeline',
        tag: 'tickets',
        access: 'editor',
        params: bigIdParams,
        body: noteBody,
        responses: {
          201: { description: 'The note as a timeline event', schema: ticketEventSchema },
          ...errorResponses(400, 401, 403, 404),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 201,
        body: await tickets.addNote(user, params.id, body.text, req.ip ?? null),
      }),
    ),

    markSpam: operation(
      {
        operationId: 'markTicketSpam',
        summary: 'Mark a ticket as spam, or clear the mark (Home Affairs); it leaves the callback queue',
        tag: 'tickets',
        access: 'admin',
        params: bigIdParams,
        body: spamBody,
        responses: {
          200: { description: 'The ticket', schema: ticketSchema },
          ...errorResponses(400, 401, 403, 404),
        },
      },
      async ({ params, body, user, req }) => ({
        status: 200,
        body: await spam.mark(user, params.id, body.spam, req.ip ?? null),
      }),
    ),

    recording: audioOf('recording'),
    voicemail: audioOf('voicemail'),

    photo: operation(
      {
        operationId: 'getTicketPhoto',
        summary: 'A photo a citizen sent with the ticket, re-encoded JPEG without metadata (audited)',
        tag: 'tickets',
        access: 'signed-in',
        params: ticketPhotoParams,
        responses: {
          200: { description: 'The photo, shown inline', contentType: 'image/jpeg' },
          ...errorResponses(400, 401, 404),
        },
      },
      async ({ params, user, req, res }) => {
        const photo = await media.photo(user, params.id, params.n, req.ip ?? null);
        res.status(200);
        res.setHeader('Content-Type', 'image/jpeg');
        res.setHeader('Content-Disposition', `inline; filename="${photo.code}-anh-${params.n}.jpg"`);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Cache-Control', 'private, no-store');
        res.end(photo.bytes);
        return undefined;
      },
    ),
  };
}
