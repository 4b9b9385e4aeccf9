import { writeCallLogCsv, writeCallLogXlsx } from '../../../core/reports/call-log.export';
import { operation } from '../http/operation';
import { streamOut } from '../http/streaming';
import { errorResponses } from '../openapi/common.schemas';
import { ticketFilterQuery } from '../tickets/tickets.schemas';
import type { ExportFormat, ExportService } from './export.service';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export function exportRoutes(exports: ExportService, timeZone: string) {
  const callLog = (format: ExportFormat) =>
    operation(
      {
        operationId: format === 'xlsx' ? 'exportTicketsXlsx' : 'exportTicketsCsv',
        summary: `The filtered call log as ${format.toUpperCase()} (Vietnamese headers, one row per ticket)`,
        tag: 'tickets',
        access: 'signed-in',
        query: ticketFilterQuery,
        responses: {
          200: { description: 'The file, streamed', contentType: CONTENT_TYPES[format] },
          ...errorResponses(400, 401),
        },
      },
      async ({ query, user, req, res }) => {
        const file = await exports.callLog(user, query, format, req.ip ?? null);
        res.status(200);
        res.setHeader('content-type', CONTENT_TYPES[format]);
        res.setHeader(
          'content-disposition',
          `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        );
        res.setHeader('cache-control', 'private, no-store');
        const write = format === 'xlsx' ? writeCallLogXlsx : writeCallLogCsv;
        await streamOut(res, () => write(file.rows, res, { sheetName: file.sheetName, timeZone }));
        return undefined;
      },
    );
  return { xlsx: callLog('xlsx'), csv: callLog('csv') };
}
