import { CALLER_VIEW, COMPLAINT_VIEW, type TicketSight } from '../../../core/tickets/confidentiality';
import type { TicketRecord } from '../../../core/tickets/ticket-record';
import type { AuditEntry } from '../audit/audit.repo';
import type { SessionUser } from '../auth/session-user';

/** One audit row per ticket whose caller number this response shows in full. */
export function callerViews(
  user: SessionUser,
  seen: Array<{ row: TicketRecord; sight: TicketSight }>,
  ip: string | null,
  where: string,
): AuditEntry[] {
  return seen
    .filter(({ row, sight }) => row.callerNumber !== null && sight.caller === 'full')
    .map(({ row }) => ({
      userId: user.id,
      ...CALLER_VIEW,
      entityId: row.id,
      details: { where },
      ip,
    }));
}

/** One audit row per confidential complaint to the chairman this response shows, whatever of it. */
export function complaintViews(
  user: SessionUser,
  shown: ReadonlyArray<Pick<TicketRecord, 'id' | 'leaderOnly'>>,
  ip: string | null,
  where: string,
): AuditEntry[] {
  return shown
    .filter((row) => row.leaderOnly)
    .map((row) => ({ userId: user.id, ...COMPLAINT_VIEW, entityId: row.id, details: { where }, ip }));
}
