import type { Knex } from 'knex';
import type { AuditEntryView, AuditLogQuery } from './audit-log.schemas';

interface AuditRow {
  id: string | number;
  at: Date;
  user_id: number | null;
  username: string | null;
  display_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  ticket_code: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
}

/** Reads the audit log for the admins' screen: newest first, a page at a time. */
export class AuditLogRepository {
  constructor(private readonly knex: Knex) {}

  /** `limit` entries older than `cursor`, filtered; the user name and ticket code come along. */
  async page(query: AuditLogQuery, limit: number): Promise<AuditEntryView[]> {
    const knex = this.knex;
    const builder = knex('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.user_id')
      // entity_id is text (a ticket id, a unit id, a user name): only digits are compared with ids.
      .leftJoin('tickets as t', (join) => {
        join
          .on('a.entity', '=', knex.raw('?', ['ticket']))
          .andOn(
            't.id',
            '=',
            knex.raw("(case when a.entity_id ~ '^[0-9]{1,18}$' then a.entity_id::bigint end)"),
          );
      })
      .orderBy('a.id', 'desc')
      .limit(limit)
      .select(
        'a.id',
        'a.at',
        'a.user_id',
        'u.username',
        'u.display_name',
        'a.action',
        'a.entity',
        'a.entity_id',
        't.code as ticket_code',
        'a.details',
        'a.ip',
      );
    if (query.cursor !== undefined) builder.where('a.id', '<', query.cursor);
    if (query.actor) builder.whereRaw('lower(u.username) = lower(?)', [query.actor]);
    if (query.action?.endsWith('.')) builder.where('a.action', 'like', `${query.action}%`);
    else if (query.action) builder.where('a.action', query.action);
    if (query.ticket)
      builder.where('a.entity', 'ticket').whereRaw('upper(t.code) = upper(?)', [query.ticket]);
    if (query.from) builder.where('a.at', '>=', new Date(query.from));
    if (query.to) builder.where('a.at', '<', new Date(query.to));
    const rows: AuditRow[] = await builder;
    return rows.map((row) => ({
      id: Number(row.id),
      at: row.at.toISOString(),
      actor:
        row.user_id === null || row.username === null
          ? null
          : { id: row.user_id, username: row.username, displayName: row.display_name },
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      ticketCode: row.ticket_code,
      details: row.details ?? {},
      ip: row.ip,
    }));
  }
}
