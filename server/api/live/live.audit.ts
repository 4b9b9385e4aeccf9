import { CALLER_VIEW } from '../../../core/tickets/confidentiality';
import type { AuditRepository } from '../audit/audit.repo';
import type { SessionUser } from '../auth/session-user';
import type { BoardView } from './live.view';

/**
 * Audits the caller numbers the live board shows in full: one row per call shown, written before
 * the board is sent (a failed write sends nothing). A stream passes the calls it has already
 * audited: a number that stays on the screen from push to push is one showing, not one per push.
 */
export class LiveCallerAudit {
  constructor(private readonly audit: AuditRepository) {}

  async shown(
    user: SessionUser,
    ip: string | null,
    view: BoardView,
    where: 'live' | 'live-stream',
    alreadyAudited: Set<string> = new Set(),
  ): Promise<void> {
    const fresh = view.callersInFull.filter((call) => !alreadyAudited.has(call.id));
    await this.audit.record(
      fresh.map((call) => ({
        userId: user.id,
        action: CALLER_VIEW.action,
        entity: call.ticketId === null ? 'call' : CALLER_VIEW.entity,
        entityId: call.ticketId ?? call.id,
        details: { where, callId: call.id },
        ip,
      })),
    );
    for (const call of fresh) alreadyAudited.add(call.id);
  }
}
