import type { Knex } from 'knex';
import { rowsOf, type Statement } from '../../../core/db/statement';
import type { CallOutcome } from '../../../core/tickets/call-ticket';
import type { CallerVisibility, TicketKind } from '../../../core/tickets/confidentiality';
import type { TicketChannel } from '../../../core/tickets/ticket-channel';
import { receivedKeyColumn } from '../../../core/tickets/ticket-keyset';
import { type TicketPhotoRef, TicketPhotosRepository } from '../../../core/tickets/ticket-photos.repo';
import type { TicketRecord } from '../../../core/tickets/ticket-record';
import { allPages, TICKET_RECORD_COLUMNS, ticketRecordOf } from '../../../core/tickets/ticket-record.sql';
import type { SortKey, TicketSort } from '../../../core/tickets/ticket-sort';
import type { TicketStatus } from '../../../core/tickets/ticket-status';
import type { TimelineKind } from '../../../core/tickets/timeline.vocabulary';
import { AuditRepository } from '../audit/audit.repo';
import { pageSeenStatement, pageStatement } from './tickets.page-sql';
import { sortKeyOf } from './tickets.sort-sql';

/** Filters as the database applies them: unit codes already resolved to ids and scoped. */
export interface TicketQuery {
  /** null: every unit; otherwise tickets of these units only (never empty: the service answers that). */
  unitIds: number[] | null;
  /** The kinds of ticket in scope; the others are left out, as if they did not exist. */
  kinds: readonly TicketKind[];
  from?: Date;
  to?: Date;
  outcomes?: CallOutcome[];
  statuses?: TicketStatus[];
  ratings?: number[];
  needsCallback?: boolean;
  channels?: TicketChannel[];
  /** A desk's id, or 'none': tickets of no desk. */
  desk?: number | 'none';
  spam?: boolean;
  /** Open and past due at this instant. */
  overdueAt?: Date;
  /** Only tickets of no unit. */
  isUnassigned?: boolean;
  /** Any of these, as substrings of code, caller number or summary. */
  searchTerms?: string[];
  /** Whose caller numbers the search may match: a match would reveal a number the user cannot see. */
  searchCallers: CallerVisibility;
  /** The page's order; its id breaks ties. */
  sort: TicketSort;
}

/** A page's record with where a page that ends at it stops. */
export interface SortedRecord extends TicketRecord {
  sortKey: SortKey;
}

/** Who is shown the page's caller numbers: the audit rows the page's own statement writes. */
export interface CallerViews {
  userId: number;
  ip: string | null;
  /** 'list'... stored in the rows' details. */
  where: string;
  visibility: CallerVisibility;
  /** Only the first rows are shown; the one after them only tells whether another page exists. */
  shown: number;
  /** Also one row of this action naming every ticket the page carries (an export's batch). */
  carried?: { action: string; details: Record<string, unknown> };
}

export interface TicketDetailRecord extends TicketRecord {
  answeredAt: Date | null;
  endedAt: Date | null;
  endedBy: string | null;
  dialedCode: string | null;
  /** null once the retention job deleted the file (see the *ExpiredAt fields). */
  recordingName: string | null;
  voicemailName: string | null;
  /** The names as the call stored them, deleted or not. */
  storedRecordingName: string | null;
  storedVoicemailName: string | null;
  recordingExpiredAt: Date | null;
  voicemailExpiredAt: Date | null;
  /** What the unit wrote for the citizen, who reads it with the code and secret; apart from the summary. */
  publicAnswer: string | null;
  /** The procedure a citizen's feedback was about (sent from its page on the citizen site). */
  procedure: { id: number; code: string; name: string } | null;
  /** The photos a citizen sent with it, kept or deleted by retention. */
  photos: TicketPhotoRef[];
}

export interface TicketEventRecord {
  id: number;
  at: Date;
  kind: string;
  data: Record<string, unknown>;
  actor: { id: number; username: string } | null;
}

export type TicketColumns = Partial<{
  unit_id: number | null;
  category: string | null;
  summary: string | null;
  public_answer: string | null;
  status: TicketStatus;
  due_at: Date | null;
  confidential: boolean;
  spam_marked_at: Date | null;
  spam_marked_by: number | null;
  needs_callback: boolean;
}>;

export class TicketsRepository {
  constructor(private readonly knex: Knex) {}

  /** Runs `work` in one transaction, with repositories bound to it. */
  transaction<T>(work: (tickets: TicketsRepository, audit: AuditRepository) => Promise<T>): Promise<T> {
    return this.knex.transaction((trx) => work(new TicketsRepository(trx), new AuditRepository(trx)));
  }

  /** One page in the query's order (its key, then id), after `after`. */
  async page(query: TicketQuery, limit: number, after?: SortKey): Promise<SortedRecord[]> {
    return this.records(query.sort, pageStatement(query, limit, after));
  }

  /**
   * A page whose caller numbers someone is shown, with the audit rows of those views written by
   * the same statement, in one round trip (see pageSeenStatement).
   */
  pageSeen(
    query: TicketQuery,
    limit: number,
    after: SortKey | undefined,
    views: CallerViews,
  ): Promise<SortedRecord[]> {
    return this.records(query.sort, pageSeenStatement(query, limit, after, views));
  }

  private async records(sort: TicketSort, statement: Statement): Promise<SortedRecord[]> {
    const rows = await rowsOf(this.knex, statement);
    // Object.assign, not a spread: no second copy of every record.
    return rows.map((row) => Object.assign(ticketRecordOf(row), { sortKey: sortKeyOf(sort, row) }));
  }

  /**
   * Every matching ticket in order, read in keyset batches so no batch holds the whole log; each
   * batch's statement also writes the audit rows of what it carries (see pageSeen).
   */
  async *allSeen(
    query: TicketQuery,
    views: Omit<CallerViews, 'shown'>,
    batchSize = 1000,
  ): AsyncGenerator<TicketRecord> {
    yield* allPages(
      (after: SortKey | undefined) => this.pageSeen(query, batchSize, after, { ...views, shown: batchSize }),
      (record) => record.sortKey,
      batchSize,
    );
  }

  async find(id: number): Promise<TicketDetailRecord | undefined> {
    const row = await this.knex('tickets as t')
      .leftJoin('units as u', 'u.id', 't.unit_id')
      .leftJoin('procedures as p', 'p.id', 't.procedure_id')
      .where('t.id', id)
      .first([
        ...TICKET_RECORD_COLUMNS,
        't.answered_at',
        't.ended_at',
        't.ended_by',
        't.dialed_code',
        't.recording_name',
        't.voicemail_name',
        't.recording_deleted_at',
        't.voicemail_deleted_at',
        't.public_answer',
        'p.id as procedure_id',
        'p.code as procedure_code',
        'p.name as procedure_name',
        receivedKeyColumn(this.knex),
      ]);
    if (!row) return undefined;
    return {
      ...ticketRecordOf(row),
      answeredAt: row.answered_at,
      endedAt: row.ended_at,
      endedBy: row.ended_by,
      dialedCode: row.dialed_code,
      // A recording the retention job deleted has no file left to play; its name stays on the timeline.
      recordingName: row.recording_deleted_at ? null : row.recording_name,
      voicemailName: row.voicemail_deleted_at ? null : row.voicemail_name,
      storedRecordingName: row.recording_name,
      storedVoicemailName: row.voicemail_name,
      recordingExpiredAt: row.recording_deleted_at ?? null,
      voicemailExpiredAt: row.voicemail_deleted_at ?? null,
      publicAnswer: row.public_answer,
      procedure:
        row.procedure_id === null
          ? null
          : { id: row.procedure_id, code: row.procedure_code, name: row.procedure_name },
      photos: await this.photos().refsOf(id),
    };
  }

  photos(): TicketPhotosRepository {
    return new TicketPhotosRepository(this.knex);
  }

  /** The row as it is now, locked until the transaction ends, for a read-modify-write. */
  async lock(id: number): Promise<TicketDetailRecord | undefined> {
    await this.knex('tickets').where({ id }).forUpdate().first('id');
    return this.find(id);
  }

  async events(ticketId: number): Promise<TicketEventRecord[]> {
    const rows = await this.knex('ticket_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .where('e.ticket_id', ticketId)
      .orderBy([{ column: 'e.at' }, { column: 'e.id' }])
      .select('e.id', 'e.at', 'e.kind', 'e.data', 'e.actor_user_id', 'u.username');
    return rows.map(toEvent);
  }

  async update(id: number, columns: TicketColumns): Promise<void> {
    await this.knex('tickets')
      .where({ id })
      .update({ ...columns, updated_at: this.knex.fn.now() });
  }

  /** The active unit a ticket may be sent to, or undefined. */
  async activeUnit(id: number): Promise<{ id: number; code: string; name: string } | undefined> {
    return this.knex('units').where({ id, active: true }).first('id', 'code', 'name');
  }

  /** Queues the notice that tells a unit a ticket was transferred to it; `period` keeps each transfer's own. */
  async enqueueTransferNotice(ticketId: number, unitId: number, period: string, at: Date): Promise<void> {
    await this.knex('notifications')
      .insert({ kind: 'transferred', ticket_id: ticketId, unit_id: unitId, period, next_attempt_at: at })
      .onConflict(this.knex.raw('(kind, coalesce(ticket_id, 0), coalesce(unit_id, 0), period)'))
      .ignore();
  }

  async addEvent(
    ticketId: number,
    event: { at: Date; kind: TimelineKind; data: Record<string, unknown>; actorUserId: number },
  ): Promise<TicketEventRecord> {
    const [row] = await this.knex('ticket_events')
      .insert({
        ticket_id: ticketId,
        at: event.at,
        kind: event.kind,
        data: JSON.stringify(event.data),
        actor_user_id: event.actorUserId,
      })
      .returning(['id', 'at', 'kind', 'data', 'actor_user_id']);
    const user = await this.knex('users').where({ id: event.actorUserId }).first('username');
    return toEvent({ ...row, username: user?.username ?? null });
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a knex row
function toEvent(row: any): TicketEventRecord {
  return {
    id: row.id,
    at: row.at,
    kind: row.kind,
    data: row.data ?? {},
    actor:
      row.actor_user_id === null
        ? null
        : { id: row.actor_user_id, username: row.username ?? `#${row.actor_user_id}` },
  };
}
