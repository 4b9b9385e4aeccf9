import { NotFoundError, ValidationError } from '../../../core/errors';
import type { AuditEntry, AuditRepository } from '../audit/audit.repo';
import { type SessionUser, unitScope } from '../auth/session-user';
import { CALLER_VIEW, callerShown, callerVisibility, canOpenTicket, isCallerMasked } from './ticket-access';
import { checkTransition } from './ticket-status';
import { decodeCursor, encodeCursor } from './tickets.cursor';
import type {
  TicketColumns,
  TicketDetailRecord,
  TicketEventRecord,
  TicketQuery,
  TicketRecord,
  TicketsRepository,
} from './tickets.repo';
import type {
  Ticket,
  TicketEvent,
  TicketFilterQuery,
  TicketListQuery,
  TicketPatch,
  TicketSummary,
} from './tickets.schemas';

export type MediaKind = 'recording' | 'voicemail';

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** Extra spellings of a phone number: numbers are stored as +84…, people type 0912 345 678. */
export function searchTermsFor(q: string): string[] {
  const terms = [q];
  const compact = q.replace(/[\s.\-()]/g, '');
  if (/^\+?\d+$/.test(compact)) {
    if (compact !== q) terms.push(compact);
    if (compact.startsWith('0') && compact.length > 2) terms.push(compact.slice(1));
  }
  return terms;
}

export class TicketsService {
  constructor(
    private readonly repo: TicketsRepository,
    private readonly audit: AuditRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The filter as the database applies it, within the user's scope; null when nothing can match. */
  async resolveQuery(user: SessionUser, filter: TicketFilterQuery): Promise<TicketQuery | null> {
    let unitIds = unitScope(user);
    if (filter.unit) {
      const byCode = await this.repo.unitIdsByCodes(filter.unit);
      const unknown = filter.unit.filter((code) => !byCode.has(code));
      if (unknown.length > 0) {
        const message = `no unit has the code ${unknown.join(', ')}`;
        throw new ValidationError(`Invalid query: unit: ${message}`, { issues: [{ path: 'unit', message }] });
      }
      const wanted = [...byCode.values()];
      unitIds = unitIds === null ? wanted : unitIds.filter((id) => wanted.includes(id));
    }
    if (unitIds !== null && unitIds.length === 0) return null;
    return {
      unitIds,
      from: filter.from ? new Date(filter.from) : undefined,
      to: filter.to ? new Date(filter.to) : undefined,
      outcomes: filter.outcome,
      statuses: filter.status,
      ratings: filter.rating,
      needsCallback: filter.needsCallback,
      searchTerms: filter.q ? searchTermsFor(filter.q) : undefined,
      // Matching a number the user may not see would reveal it, so the search skips those numbers.
      searchCallers: callerVisibility(user),
      order: filter.order,
    };
  }

  async list(
    user: SessionUser,
    query: TicketListQuery,
    ip: string | null,
  ): Promise<{ items: TicketSummary[]; nextCursor: string | null }> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const resolved = await this.resolveQuery(user, query);
    if (!resolved) return { items: [], nextCursor: null };
    const visibility = callerVisibility(user);
    const rows =
      visibility === 'none'
        ? await this.repo.page(resolved, query.limit + 1, after)
        : await this.repo.pageSeen(resolved, query.limit + 1, after, {
            userId: user.id,
            ip,
            where: 'list',
            visibility,
            shown: query.limit,
          });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => this.summaryOf(user, row)),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.key) : null,
    };
  }

  async get(user: SessionUser, id: number, ip: string | null): Promise<Ticket> {
    const record = await this.openable(user, id);
    const events = await this.repo.events(id);
    await this.audit.record(this.callerViews(user, [record], ip, 'detail'));
    return this.ticketOf(user, record, events);
  }

  /** The ticket if this user may open it; otherwise not found, exactly as if it did not exist. */
  async openable(user: SessionUser, id: number): Promise<TicketDetailRecord> {
    const record = await this.repo.find(id);
    if (!record || !canOpenTicket(user, record)) throw new NotFoundError('ticket', id);
    return record;
  }

  async mediaName(user: SessionUser, id: number, kind: MediaKind): Promise<string> {
    const record = await this.openable(user, id);
    const name = kind === 'recording' ? record.recordingName : record.voicemailName;
    if (!name) throw new NotFoundError(`${kind} of ticket`, id);
    return name;
  }

  async update(user: SessionUser, id: number, patch: TicketPatch, ip: string | null): Promise<Ticket> {
    await this.repo.transaction(async (tickets, audit) => {
      const current = await tickets.lock(id);
      if (!current || !canOpenTicket(user, current)) throw new NotFoundError('ticket', id);
      const at = this.now();
      const edits: Record<string, { from: unknown; to: unknown }> = {};
      const columns: TicketColumns = {};
      const edit = <K extends keyof TicketColumns>(
        field: string,
        column: K,
        from: unknown,
        to: TicketColumns[K],
      ) => {
        const same =
          from instanceof Date && to instanceof Date ? from.getTime() === to.getTime() : from === to;
        if (same) return;
        edits[field] = {
          from: from instanceof Date ? from.toISOString() : from,
          to: to instanceof Date ? to.toISOString() : to,
        };
        columns[column] = to;
      };
      if (patch.category !== undefined)
        edit('category', 'category', current.category, patch.category || null);
      if (patch.summary !== undefined) edit('summary', 'summary', current.summary, patch.summary || null);
      if (patch.dueAt !== undefined)
        edit('dueAt', 'due_at', current.dueAt, patch.dueAt === null ? null : new Date(patch.dueAt));
      if (patch.confidential !== undefined)
        edit('confidential', 'confidential', current.confidential, patch.confidential);
      const statusChanged = patch.status !== undefined && patch.status !== current.status;
      if (patch.status !== undefined && statusChanged) {
        checkTransition(current.status, patch.status, patch.statusReason);
        columns.status = patch.status;
      }
      if (Object.keys(columns).length === 0) return;
      await tickets.update(id, columns);
      if (statusChanged) {
        const data = { from: current.status, to: patch.status, reason: patch.statusReason ?? null };
        await tickets.addEvent(id, { at, kind: 'status.changed', data, actorUserId: user.id });
      }
      if (Object.keys(edits).length > 0) {
        await tickets.addEvent(id, {
          at,
          kind: 'ticket.edited',
          data: { changes: edits },
          actorUserId: user.id,
        });
      }
      const status = statusChanged
        ? { from: current.status, to: patch.status, reason: patch.statusReason ?? null }
        : undefined;
      await audit.record({
        userId: user.id,
        action: 'ticket.update',
        entity: 'ticket',
        entityId: id,
        details: { changes: edits, status },
        ip,
      });
    });
    return this.get(user, id, ip);
  }

  async addNote(user: SessionUser, id: number, text: string, ip: string | null): Promise<TicketEvent> {
    const event = await this.repo.transaction(async (tickets, audit) => {
      const current = await tickets.lock(id);
      if (!current || !canOpenTicket(user, current)) throw new NotFoundError('ticket', id);
      const added = await tickets.addEvent(id, {
        at: this.now(),
        kind: 'note',
        data: { text },
        actorUserId: user.id,
      });
      await audit.record({
        userId: user.id,
        action: 'ticket.note',
        entity: 'ticket',
        entityId: id,
        details: { eventId: added.id },
        ip,
      });
      return added;
    });
    return eventOf(event);
  }

  /** One audit row per ticket whose caller number this response shows in full. */
  callerViews(user: SessionUser, rows: TicketRecord[], ip: string | null, where: string): AuditEntry[] {
    return rows
      .filter((row) => row.callerNumber !== null && !isCallerMasked(user, row))
      .map((row) => ({
        userId: user.id,
        ...CALLER_VIEW,
        entityId: row.id,
        details: { where },
        ip,
      }));
  }

  summaryOf(user: SessionUser, row: TicketRecord): TicketSummary {
    const masked = isCallerMasked(user, row);
    return {
      id: row.id,
      code: row.code,
      receivedAt: row.receivedAt.toISOString(),
      unit: row.unit,
      callerNumber: callerShown(row.callerNumber, masked),
      callerMasked: masked && row.callerNumber !== null,
      outcome: row.outcome,
      abandonedStage: row.abandonedStage,
      waitSeconds: row.waitSeconds,
      talkSeconds: row.talkSeconds,
      answeredByName: row.answeredByName,
      rating: row.rating,
      status: row.status,
      needsCallback: row.needsCallback,
      dueAt: iso(row.dueAt),
      confidential: row.confidential,
    };
  }

  private ticketOf(user: SessionUser, record: TicketDetailRecord, events: TicketEventRecord[]): Ticket {
    const media = (kind: MediaKind, name: string | null) =>
      name === null ? null : { name, url: `/api/v1/tickets/${record.id}/${kind}` };
    return {
      ...this.summaryOf(user, record),
      answeredAt: iso(record.answeredAt),
      endedAt: iso(record.endedAt),
      endedBy: record.endedBy,
      dialedCode: record.dialedCode,
      category: record.category,
      summary: record.summary,
      recording: media('recording', record.recordingName),
      voicemail: media('voicemail', record.voicemailName),
      events: events.map(eventOf),
    };
  }
}

function eventOf(event: TicketEventRecord): TicketEvent {
  return { id: event.id, at: event.at.toISOString(), kind: event.kind, data: event.data, actor: event.actor };
}
