import { AppError, issue, ValidationError } from '../../../core/errors';
import type { SessionUser } from '../auth/session-user';
import { ForbiddenError } from '../http/api-errors';
import type { TicketTransfers } from './ticket-transfer';
import { BULK_REFUSALS, type BulkRefusal, type BulkRequest, type BulkResult } from './tickets.bulk.schemas';
import type { TicketsRepository } from './tickets.repo';
import type { TicketsService } from './tickets.service';

/** A bulk close met a ticket closed before: nothing to do, and the person should know. */
class AlreadyClosedError extends AppError {
  constructor(id: number) {
    super(409, 'already-closed', `ticket ${id} is closed already`);
  }
}

/** The refusal a single-ticket action's error stands for, or undefined for any other failure. */
function refusalOf(error: unknown): BulkRefusal | undefined {
  if (!(error instanceof AppError)) return undefined;
  const code = error instanceof ValidationError ? error.issues[0]?.code : error.code;
  return BULK_REFUSALS.find((refusal) => refusal === code);
}

/**
 * One action on many tickets of the call log: each ticket goes through the single-ticket action
 * (its checks, its timeline event, its audit row), in its own transaction, so one refused ticket
 * leaves the others done; the answer says which. Anything but a refusal stops the request.
 */
export class TicketBulk {
  constructor(
    private readonly repo: TicketsRepository,
    private readonly tickets: TicketsService,
    private readonly transfers: TicketTransfers,
  ) {}

  async apply(user: SessionUser, request: BulkRequest, ip: string | null): Promise<BulkResult> {
    const one = await this.actionFor(user, request, ip);
    const results: BulkResult['results'] = [];
    for (const id of request.ids) {
      try {
        await one(id);
        results.push({ id, outcome: 'done', code: null });
      } catch (error) {
        const code = refusalOf(error);
        if (!code) throw error;
        results.push({ id, outcome: 'refused', code });
      }
    }
    const done = results.filter((result) => result.outcome === 'done').length;
    return { done, refused: results.length - done, results };
  }

  /** The single-ticket action, once the request as a whole is allowed. */
  private async actionFor(
    user: SessionUser,
    request: BulkRequest,
    ip: string | null,
  ): Promise<(id: number) => Promise<unknown>> {
    if (request.action === 'close') {
      const patch = { status: 'closed', statusReason: request.reason } as const;
      return async (id) => {
        const { changed } = await this.tickets.change(user, id, patch, ip);
        if (!changed) throw new AlreadyClosedError(id);
      };
    }
    // Moving many tickets between units is Home Affairs' dispatch; a ward sends its own one at a time.
    if (user.role !== 'admin')
      throw new ForbiddenError('Only Home Affairs (admin) may transfer tickets in bulk');
    if (!(await this.repo.activeUnit(request.unitId))) {
      throw new ValidationError('body', [
        issue('unitId', 'unknown-unit', `no active unit has the id ${request.unitId}`, {
          codes: String(request.unitId),
        }),
      ]);
    }
    const transfer = { unitId: request.unitId, reason: request.reason };
    return (id) => this.transfers.transfer(user, id, transfer, ip);
  }
}
