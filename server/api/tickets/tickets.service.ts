import { AppError, issue, NotFoundError, ValidationError } from '../../../core/errors';
import {
  listScopeOf,
  mayChangeConfidentiality,
  type TicketSight,
} from '../../../core/tickets/confidentiality';
import { DEFAULT_SORT, sortOf, type TicketSort } from '../../../core/tickets/ticket-sort';
import type { UnitCodes } from '../../../core/units/unit-codes';
import type { AuditRepository } from '../audit/audit.repo';
import { readerOf, type SessionUser } from '../auth/session-user';
import { checkTransition } from './ticket-status';
import { callerViews, complaintViews } from './ticket-views.audit';
import { decodeCursor, encodeCursor } from './tickets.cursor';
import type { TicketColumns, TicketDetailRecord, TicketQuery, TicketsRepository } from './tickets.repo';
import type {
  Ticket,
  TicketEvent,
  TicketFilterQuery,
  TicketListQuery,
  TicketPatch,
  TicketSummary,
} from './tickets.schemas';
import { eventOf, sightFor, sightOfRead, sightsOfRead, stricter, summaryOf, ticketOf } from './tickets.view';

export class ConfidentialityForbiddenError extends AppError {
  constructor() {
    super(
      403,
      'confidential-admin-only',
      'Only Home Affairs (admin) may change the field confidential',
      { field: 'confidential' },
      { field: 'confidential' },
    );
  }
}

/** A confidential complaint to the chairman stays confidential (tickets_leader_only_is_confidential). */
export class ComplaintStaysConfidentialError extends AppError {
  constructor() {
    super(
      409,
      'complaint-stays-confidential',
      'A confidential complaint to the chairman cannot be made an ordinary ticket',
      { field: 'confidential' },
      { field: 'confidential' },
    );
  }
}

/** The order a filter asks for: `sort`, or the older `order` of the time, never both. */
export function sortOfFilter(filter: Pick<TicketFilterQuery, 'sort' | 'order'>): TicketSort {
  if (filter.sort && filter.order) {
    throw new ValidationError('query', [
      issue('sort', 'sort-with-order', 'order is the older spelling of sort=received_at; send only sort'),
    ]);
  }
  if (filter.sort) return sortOf(filter.sort);
  return filter.order ? { field: 'received_at', direction: filter.order } : DEFAULT_SORT;
}

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

/** Whether a page of this query writes audit rows: callers shown in full, or complaints to the chairman. */
export function needsAudit(query: TicketQuery): boolean {
  return query.searchCallers.kinds.length > 0 || query.kinds.includes('leader-only');
}

export class TicketsService {
  constructor(
    private readonly repo: TicketsRepository,
    private readonly audit: AuditRepository,
    private readonly unitCodes: UnitCodes,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The filter as the database applies it, within the user's scope; null when nothing can match. */
  async resolveQuery(user: SessionUser, filter: TicketFilterQuery): Promise<TicketQuery | null> {
    const scope = listScopeOf(readerOf(user));
    let unitIds = scope.unitIds;
    if (filter.unit) {
      const byCode = await this.unitCodes.idsOf(filter.unit);
      const unknown = filter.unit.filter((code) => !byCode.has(code));
      if (unknown.length > 0) {
        throw new ValidationError('query', [
          issue('unit', 'unknown-unit', `no unit has the code ${unknown.join(', ')}`, {
            codes: unknown.join(', '),
          }),
        ]);
      }
      const wanted = [...byCode.values()];
      unitIds = unitIds === null ? wanted : unitIds.filter((id) => wanted.includes(id));
    }
    if (unitIds !== null && unitIds.length === 0) return null;
    const kinds =
      filter.leaderOnly === undefined
        ? scope.kinds
        : scope.kinds.filter((kind) => (kind === 'leader-only') === filter.leaderOnly);
    if (kinds.length === 0) return null;
    return {
      unitIds,
      kinds,
      from: filter.from ? new Date(filter.from) : undefined,
      to: filter.to ? new Date(filter.to) : undefined,
      outcomes: filter.outcome,
      statuses: filter.status,
      ratings: filter.rating,
      needsCallback: filter.needsCallback,
      channels: filter.channel,
      desk: filter.desk,
      spam: filter.spam,
      overdueAt: filter.overdue ? this.now() : undefined,
      isUnassigned: filter.unassigned === true || undefined,
      searchTerms: filter.q ? searchTermsFor(filter.q) : undefined,
      // Matching a number the user may not see would reveal it, so the search skips those numbers.
      searchCallers: scope.fullCallers,
      sort: sortOfFilter(filter),
    };
  }

  async list(
    user: SessionUser,
    query: TicketListQuery,
    ip: string | null,
  ): Promise<{ items: TicketSummary[]; nextCursor: string | null }> {
    const after = query.cursor ? decodeCursor(query.cursor, sortOfFilter(query)) : undefined;
    const resolved = await this.resolveQuery(user, query);
    if (!resolved) return { items: [], nextCursor: null };
    const visibility = resolved.searchCallers;
    const rows = !needsAudit(resolved)
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
    const sightOfRow = sightsOfRead(user);
    return {
      items: page.map((row) => summaryOf(row, sightOfRow(row))),
      nextCursor: rows.length > query.limit && last ? encodeCursor(resolved.sort, last.sortKey) : null,
    };
  }

  async get(user: SessionUser, id: number, ip: string | null, before?: TicketSight): Promise<Ticket> {
    const record = await this.openable(user, id);
    const now = sightOfRead(user, record);
    const sight = before ? stricter(before, now) : now;
    const events = await this.repo.events(id);
    await this.audit.record([
      ...callerViews(user, [{ row: record, sight }], ip, 'detail'),
      ...complaintViews(user, [record], ip, 'detail'),
    ]);
    return ticketOf(record, sight, events);
  }

  /** The ticket if this user may open it; otherwise not found, exactly as if it did not exist. */
  async openable(user: SessionUser, id: number): Promise<TicketDetailRecord> {
    const record = await this.repo.find(id);
    if (!record || !sightFor(user, record)) throw new NotFoundError('ticket', id);
    return record;
  }

  async update(user: SessionUser, id: number, patch: TicketPatch, ip: string | null): Promise<Ticket> {
    const { before } = await this.change(user, id, patch, ip);
    return this.get(user, id, ip, before);
  }

  /**
   * The edit itself, in one transaction: the row, its timeline events and its audit row. Says what
   * the user saw of the ticket before it and whether anything changed (a bulk close reads no
   * ticket back, and refuses one that was closed already).
   */
  async change(
    user: SessionUser,
    id: number,
    patch: TicketPatch,
    ip: string | null,
  ): Promise<{ before: TicketSight; changed: boolean }> {
    return this.repo.transaction(async (tickets, audit) => {
      const current = await tickets.lock(id);
      const sight = current ? sightFor(user, current) : null;
      if (!current || !sight) throw new NotFoundError('ticket', id);
      if (patch.confidential !== undefined && !mayChangeConfidentiality(readerOf(user)))
        throw new ConfidentialityForbiddenError();
      if (patch.confidential === false && current.leaderOnly) throw new ComplaintStaysConfidentialError();
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
      if (patch.publicAnswer !== undefined)
        edit('publicAnswer', 'public_answer', current.publicAnswer, patch.publicAnswer || null);
      if (patch.dueAt !== undefined)
        edit('dueAt', 'due_at', current.dueAt, patch.dueAt === null ? null : new Date(patch.dueAt));
      if (patch.confidential !== undefined)
        edit('confidential', 'confidential', current.confidential, patch.confidential);
      const statusChanged = patch.status !== undefined && patch.status !== current.status;
      if (patch.status !== undefined && statusChanged) {
        checkTransition(current.status, patch.status, patch.statusReason);
        columns.status = patch.status;
      }
      if (Object.keys(columns).length === 0) return { before: sight, changed: false };
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
      return { before: sight, changed: true };
    });
  }

  async addNote(user: SessionUser, id: number, text: string, ip: string | null): Promise<TicketEvent> {
    const event = await this.repo.transaction(async (tickets, audit) => {
      const current = await tickets.lock(id);
      if (!current || !sightFor(user, current)) throw new NotFoundError('ticket', id);
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
}
