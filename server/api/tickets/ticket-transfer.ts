import { issue, NotFoundError, ValidationError } from '../../../core/errors';
import type { SessionUser } from '../auth/session-user';
import type { TicketsRepository } from './tickets.repo';
import { sightFor } from './tickets.view';

export interface TransferRequest {
  unitId: number;
  reason?: string | undefined;
}

export interface Transferred {
  ticketId: number;
  unit: { id: number; code: string; name: string };
  /** Whether the user who transferred it may still open the ticket (a ward official may not). */
  stillVisible: boolean;
}

/**
 * Sends a ticket to another unit: the unit changes, the step goes on the timeline, the audit row is
 * written and the new unit's notice is queued (never for a confidential complaint to the chairman),
 * all in one transaction.
 */
export class TicketTransfers {
  constructor(
    private readonly repo: TicketsRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async transfer(
    user: SessionUser,
    id: number,
    request: TransferRequest,
    ip: string | null,
  ): Promise<Transferred> {
    return this.repo.transaction(async (tickets, audit) => {
      const current = await tickets.lock(id);
      if (!current || !sightFor(user, current)) throw new NotFoundError('ticket', id);
      const target = await tickets.activeUnit(request.unitId);
      if (!target) {
        throw new ValidationError('body', [
          issue('unitId', 'unknown-unit', `no active unit has the id ${request.unitId}`, {
            codes: String(request.unitId),
          }),
        ]);
      }
      if (current.unit?.id === target.id) {
        throw new ValidationError('body', [
          issue('unitId', 'already-in-unit', `ticket ${current.code} is already with ${target.name}`, {
            unit: target.name,
          }),
        ]);
      }
      await tickets.update(id, { unit_id: target.id });
      const from = current.unit
        ? { id: current.unit.id, code: current.unit.code, name: current.unit.name }
        : null;
      const at = this.now();
      const event = await tickets.addEvent(id, {
        at,
        kind: 'ticket.transferred',
        data: { from, to: target, reason: request.reason || null },
        actorUserId: user.id,
      });
      // A confidential complaint to the chairman changes unit without the unit hearing of it.
      if (!current.leaderOnly) await tickets.enqueueTransferNotice(id, target.id, `transfer:${event.id}`, at);
      await audit.record({
        userId: user.id,
        action: 'ticket.transfer',
        entity: 'ticket',
        entityId: id,
        details: { from: from?.code ?? null, to: target.code, reason: request.reason || null },
        ip,
      });
      const stillVisible = sightFor(user, { ...current, unit: target }) !== null;
      return { ticketId: id, unit: target, stillVisible };
    });
  }
}
