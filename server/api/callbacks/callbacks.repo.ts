import type { Knex } from 'knex';
import { type DialTarget, parseDialTarget } from '../../../core/domain/dial-target';
import type { TimelineKind } from '../../../core/tickets/timeline.vocabulary';
import { AuditRepository } from '../audit/audit.repo';

export interface UnitContact {
  contactId: number;
  name: string;
  dial: DialTarget;
}

/** The rows a callback reads and leaves: the unit's contacts, the ticket's timeline and follow-up flag. */
export class CallbacksRepository {
  constructor(private readonly knex: Knex) {}

  /** Runs `work` in one transaction, with repositories bound to it. */
  transaction<T>(work: (callbacks: CallbacksRepository, audit: AuditRepository) => Promise<T>): Promise<T> {
    return this.knex.transaction((trx) => work(new CallbacksRepository(trx), new AuditRepository(trx)));
  }

  /** Holds the ticket's row until the transaction ends: one flag change and its step at a time. */
  async lockTicket(ticketId: number): Promise<void> {
    await this.knex('tickets').where({ id: ticketId }).forUpdate().first('id');
  }

  async activeContact(unitId: number, contactId: number): Promise<UnitContact | undefined> {
    const row = await this.knex('contacts')
      .where({ id: contactId, unit_id: unitId, active: true })
      .first('id', 'name', 'dial');
    if (!row) return undefined;
    const parsed = parseDialTarget(row.dial);
    if (!parsed.ok) throw new Error(`contact ${contactId} has a dial the IVR cannot use: ${parsed.reason}`);
    return { contactId: row.id, name: row.name, dial: parsed.target };
  }

  async addEvent(
    ticketId: number,
    kind: TimelineKind,
    data: Record<string, unknown>,
    actorUserId: number,
  ): Promise<void> {
    await this.knex('ticket_events').insert({
      ticket_id: ticketId,
      at: new Date(),
      kind,
      data: JSON.stringify(data),
      actor_user_id: actorUserId,
    });
  }

  async closeFollowUp(ticketId: number): Promise<void> {
    await this.knex('tickets')
      .where({ id: ticketId })
      .update({ needs_callback: false, updated_at: this.knex.fn.now() });
  }
}
