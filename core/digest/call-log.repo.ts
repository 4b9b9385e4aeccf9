import type { Knex } from 'knex';
import type { InstantRange } from '../domain/calendar';
import { formatNational } from '../domain/phone';
import type { CallLogRow } from '../reports/call-log.export';
import { callerAsSeen, mailSight } from '../tickets/confidentiality';
import { afterTicketKey, receivedKeyColumn, type TicketKey, ticketKeyOf } from '../tickets/ticket-keyset';

const PAGE_SIZE = 2000;

const CONFIDENTIAL_SUMMARY = '(phản ánh kín — xem trên hệ thống)';

/**
 * A period's call log, oldest first, read in pages by (received_at, id) so a month of a large
 * hotline streams into the spreadsheet without being held in memory. The file travels by e-mail,
 * so it shows what the confidentiality rule lets a mail show: callers masked, and a confidential
 * ticket's caller, category and summary not at all.
 */
export async function* callLogRows(
  knex: Knex,
  range: InstantRange,
  pageSize = PAGE_SIZE,
): AsyncGenerator<CallLogRow> {
  let after: TicketKey | undefined;
  for (;;) {
    const query = knex('tickets as t')
      .leftJoin('units as u', 'u.id', 't.unit_id')
      .where('t.received_at', '>=', range.start)
      .andWhere('t.received_at', '<', range.end)
      .orderBy([
        { column: 't.received_at', order: 'asc' },
        { column: 't.id', order: 'asc' },
      ])
      .limit(pageSize)
      .select(
        't.id',
        't.code',
        't.received_at',
        'u.code as unit_code',
        'u.name as unit_name',
        't.caller_number',
        't.caller_anonymous',
        't.confidential',
        't.outcome',
        't.wait_seconds',
        't.talk_seconds',
        't.answered_by_name',
        't.rating',
        't.status',
        't.needs_callback',
        't.category',
        't.summary',
        't.due_at',
        receivedKeyColumn(knex),
      );
    if (after) afterTicketKey(query, after, 'asc');
    const rows = await query;
    for (const row of rows) {
      // The same national layout as the admin app's export: a spreadsheet keeps it as text.
      const number = row.caller_anonymous || !row.caller_number ? null : formatNational(row.caller_number);
      const sight = mailSight(row.confidential);
      yield {
        code: row.code,
        receivedAt: row.received_at,
        unitCode: row.unit_code ?? null,
        unitName: row.unit_name ?? null,
        callerNumber: callerAsSeen(number, sight),
        outcome: row.outcome ?? null,
        waitSeconds: row.wait_seconds ?? null,
        talkSeconds: row.talk_seconds ?? null,
        answeredByName: row.answered_by_name ?? null,
        rating: row.rating ?? null,
        status: row.status,
        needsCallback: row.needs_callback,
        category: sight.text ? (row.category ?? null) : null,
        summary: sight.text ? (row.summary ?? null) : row.summary ? CONFIDENTIAL_SUMMARY : null,
        dueAt: row.due_at ?? null,
      };
    }
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = ticketKeyOf(last);
  }
}
