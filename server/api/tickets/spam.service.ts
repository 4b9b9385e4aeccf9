import { NotFoundError } from '../../../core/errors';
import type { AuditRepository } from '../audit/audit.repo';
import type { SessionUser } from '../auth/session-user';
import type { TicketsRepository } from './tickets.repo';
import type { Ticket } from './tickets.schemas';
import type { TicketsService } from './tickets.service';

/**
 * Home Affairs' spam queue: an admin marks a submission as spam (or clears the mark). The ticket
 * stays, leaves the callback queue, and the mark, its timeline step and its audit row commit together.
 */
export class SpamService {
  constructor(
    private readonly repo: TicketsRepository,
    private readonly tickets: TicketsService,
    private readonly now: () => Date,
  ) {}

  async mark(user: SessionUser, id: number, spam: boolean, ip: string | null): Promise<Ticket> {
    await this.repo.transaction(async (tickets, audit: AuditRepository) => {
      const current = await tickets.lock(id);
      if (!current) throw new NotFoundError('ticket', id);
      if (current.spam === spam) return;
      const at = this.now();
      await tickets.update(id, {
        spam_marked_at: spam ? at : null,
        spam_marked_by: spam ? user.id : null,
        ...(spam && { needs_callback: false }),
      });
      await tickets.addEvent(id, { at, kind: 'ticket.spam', data: { spam }, actorUserId: user.id });
      await audit.record({
        userId: user.id,
        action: 'ticket.spam',
        entity: 'ticket',
        entityId: id,
        details: { spam },
        ip,
      });
    });
    return this.tickets.get(user, id, ip);
  }
}
