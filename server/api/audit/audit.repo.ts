import type { Knex } from 'knex';

export interface AuditEntry {
  userId: number | null;
  /** 'ticket.update', 'ticket.view-caller', 'unit.create', 'auth.login'... */
  action: string;
  entity: string;
  entityId: string | number | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Who did or saw what: one row per change and per view of an unmasked caller number. */
export class AuditRepository {
  constructor(private readonly knex: Knex) {}

  async record(entries: AuditEntry | AuditEntry[], trx: Knex = this.knex): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    await trx('audit_log').insert(
      list.map((entry) => ({
        user_id: entry.userId,
        action: entry.action,
        entity: entry.entity,
        entity_id: entry.entityId === null ? null : String(entry.entityId),
        details: JSON.stringify(entry.details ?? {}),
        ip: entry.ip ?? null,
      })),
    );
  }
}
