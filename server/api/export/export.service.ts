import { randomUUID } from 'node:crypto';
import { localDateOf } from '../../../core/domain/calendar';
import { type CallLogRow, callLogRowOf, type TicketRecord } from '../../../core/tickets/ticket-record';
import type { AuditRepository } from '../audit/audit.repo';
import type { SessionUser } from '../auth/session-user';
import type { TicketsRepository } from '../tickets/tickets.repo';
import type { TicketFilterQuery } from '../tickets/tickets.schemas';
import type { TicketsService } from '../tickets/tickets.service';
import { sightsOfRead } from '../tickets/tickets.view';

export type ExportFormat = 'xlsx' | 'csv';

export interface CallLogExport {
  fileName: string;
  sheetName: string;
  rows: AsyncIterable<CallLogRow>;
}

async function* none(): AsyncGenerator<CallLogRow> {}

/** The filtered call log as report rows, within the user's scope and masking, read in batches. */
export class ExportService {
  constructor(
    private readonly tickets: TicketsService,
    private readonly repo: TicketsRepository,
    private readonly audit: AuditRepository,
    private readonly timeZone: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async callLog(
    user: SessionUser,
    filter: TicketFilterQuery,
    format: ExportFormat,
    ip: string | null,
  ): Promise<CallLogExport> {
    const query = await this.tickets.resolveQuery(user, filter);
    const exportId = randomUUID();
    // One row for the file (its filter); each batch's read then writes a row naming the tickets it
    // carried and one row per caller number it shows in full, all tagged with the export's id.
    await this.audit.record({
      userId: user.id,
      action: 'ticket.export',
      entity: 'ticket',
      entityId: null,
      details: { exportId, format, filter, callersShown: query?.searchCallers.kinds ?? [] },
      ip,
    });
    const today = localDateOf(this.now(), this.timeZone);
    const views = query && {
      userId: user.id,
      ip,
      where: 'export',
      visibility: query.searchCallers,
      carried: { action: 'ticket.export-rows', details: { exportId, format } },
    };
    return {
      fileName: `nhat-ky-cuoc-goi-${today}.${format}`,
      sheetName: `Nhật ký ${today}`,
      rows: query && views ? this.rowsOf(user, this.repo.allSeen(query, views)) : none(),
    };
  }

  private async *rowsOf(user: SessionUser, records: AsyncIterable<TicketRecord>): AsyncGenerator<CallLogRow> {
    const sightOf = sightsOfRead(user);
    for await (const record of records) yield callLogRowOf(record, sightOf(record));
  }
}
