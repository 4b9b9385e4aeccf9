import type { Knex } from 'knex';
import type { InstantRange } from '../domain/calendar';
import { mailSight } from '../tickets/confidentiality';
import type { TicketKey } from '../tickets/ticket-keyset';
import { type CallLogRow, callLogRowOf, type TicketRecord } from '../tickets/ticket-record';
import { allPages, ticketRecordOf, ticketRecordPage } from '../tickets/ticket-record.sql';

const PAGE_SIZE = 2000;

const CONFIDENTIAL_SUMMARY = '(phản ánh kín — xem trên hệ thống)';

/**
 * A period's call log, oldest first, read in pages by (received_at, id) so a month of a large
 * hotline streams into the spreadsheet without being held in memory. The file travels by e-mail,
 * so it shows what the confidentiality rule lets a mail show: callers masked, and a confidential
 * ticket's caller, category and summary not at all; a confidential complaint to the chairman is
 * not in it.
 */
export async function* callLogRows(
  knex: Knex,
  range: InstantRange,
  pageSize = PAGE_SIZE,
): AsyncGenerator<CallLogRow> {
  const pages = allPages<TicketRecord, TicketKey>(
    async (after) => {
      const rows = await ticketRecordPage(knex, 'asc', pageSize, after)
        .where('t.leader_only', false)
        .andWhere('t.received_at', '>=', range.start)
        .andWhere('t.received_at', '<', range.end);
      return rows.map(ticketRecordOf);
    },
    (record) => record.key,
    pageSize,
  );
  for await (const record of pages) {
    yield callLogRowOf(record, mailSight(record.confidential), CONFIDENTIAL_SUMMARY);
  }
}
