import { localDateOf } from '../../../core/domain/calendar';
import { formatNational, maskPhone } from '../../../core/domain/phone';
import type { CallLogRow } from '../../../core/reports/call-log.export';
import type { AuditRepository } from '../audit/audit.repo';
import type { SessionUser } from '../auth/session-user';
import { isCallerMasked } from '../tickets/ticket-access';
import type { TicketRecord, TicketsRepository } from '../tickets/tickets.repo';
import type { TicketFilterQuery } from '../tickets/tickets.schemas';
import type { TicketsService } from '../tickets/tickets.service';

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
    // One row for the whole file: which filter, and whether it held caller numbers in full.
    await this.audit.record({
      userId: user.id,
      action: 'ticket.export',
      entity: 'ticket',
      entityId: null,
      details: {
        format,
        filter,
        callersShown: user.role === 'admin' ? 'all' : user.role === 'viewer' ? 'none' : 'non-confidential',
      },
      ip,
    });
    const today = localDateOf(this.now(), this.timeZone);
    return {
      fileName: `nhat-ky-cuoc-goi-${today}.${format}`,
      sheetName: `Nhật ký ${today}`,
      rows: query ? this.rowsOf(user, this.repo.all(query)) : none(),
    };
  }

  private async *rowsOf(user: SessionUser, records: AsyncIterable<TicketRecord>): AsyncGenerator<CallLogRow> {
    for await (const record of records) {
      const masked = isCallerMasked(user, record);
      // National layout with spaces: a spreadsheet keeps it as text instead of a number losing its 0.
      const national = record.callerNumber === null ? null : formatNational(record.callerNumber);
      yield {
        code: record.code,
        receivedAt: record.receivedAt,
        unitCode: record.unit?.code ?? null,
        unitName: record.unit?.name ?? null,
        callerNumber: national !== null && masked ? maskPhone(national) : national,
        outcome: record.outcome,
        waitSeconds: record.waitSeconds,
        talkSeconds: record.talkSeconds,
        answeredByName: record.answeredByName,
        rating: record.rating,
        status: record.status,
        needsCallback: record.needsCallback,
        category: record.category,
        summary: record.summary,
        dueAt: record.dueAt,
      };
    }
  }
}
