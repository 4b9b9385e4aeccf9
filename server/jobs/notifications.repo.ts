import type { Knex } from 'knex';
import { INSTALLED_AT_SQL } from '../../core/db/installation';

export type NotificationKind =
  | 'missed_call'
  | 'voicemail'
  | 'not_satisfied'
  | 'overdue_reminder'
  | 'overdue_escalation'
  | 'transferred'
  | 'complaint_received';

export interface ClaimedNotification {
  id: number;
  kind: NotificationKind;
  ticketId: number | null;
  unitId: number | null;
  period: string;
  attempts: number;
}

export interface NoticeTicket {
  id: number;
  code: string;
  receivedAt: Date;
  dueAt: Date | null;
  callerNumber: string | null;
  callerAnonymous: boolean;
  confidential: boolean;
  outcome: string | null;
  unitId: number | null;
  unitName: string | null;
  notifyEmails: string[];
}

const OPEN = "t.status in ('new', 'in_progress')";
/**
 * A confidential complaint to the chairman is never in a unit's notices, reminders or escalations
 * (core/tickets/confidentiality.ts): its own notice goes to Home Affairs (complaint_received).
 */
const NOT_COMPLAINT = 'not t.leader_only';
/** Tickets received before the installation are history brought in from elsewhere: never notified. */
const LIVE = `t.received_at >= ${INSTALLED_AT_SQL}`;

function ticketOf(row: Record<string, unknown>): NoticeTicket {
  return {
    id: Number(row.id),
    code: row.code as string,
    receivedAt: row.received_at as Date,
    dueAt: (row.due_at as Date | null) ?? null,
    callerNumber: (row.caller_number as string | null) ?? null,
    callerAnonymous: Boolean(row.caller_anonymous),
    confidential: Boolean(row.confidential),
    outcome: (row.outcome as string | null) ?? null,
    unitId: row.unit_id === null ? null : Number(row.unit_id),
    unitName: (row.unit_name as string | null) ?? null,
    notifyEmails: (row.notify_emails as string[] | null) ?? [],
  };
}

/**
 * The notifications outbox. Enqueueing is an INSERT ... SELECT with ON CONFLICT DO NOTHING over
 * the unique key, so any number of instances may enqueue the same facts; claiming takes rows with
 * FOR UPDATE SKIP LOCKED and marks them 'sending', so each row is sent by one instance.
 */
export class NotificationsRepository {
  constructor(private readonly knex: Knex) {}

  /** One notice per missed call, voicemail and "not satisfied" rating received since `since` (history excluded). */
  async enqueueTicketNotices(since: Date, now: Date): Promise<number> {
    const result = await this.knex.raw(
      `insert into notifications (kind, ticket_id, period, next_attempt_at, created_at, updated_at)
       select k.kind, t.id, '', :now::timestamptz, :now::timestamptz, :now::timestamptz
       from tickets t
       cross join lateral (values
         (case t.outcome when 'missed' then 'missed_call' when 'voicemail' then 'voicemail' end),
         (case when t.rating = 3 then 'not_satisfied' end)) as k(kind)
       where t.received_at >= :since::timestamptz and ${LIVE} and ${NOT_COMPLAINT} and k.kind is not null
         and (t.outcome in ('missed', 'voicemail') or t.rating = 3)
       on conflict do nothing`,
      { since, now },
    );
    return Number(result.rowCount ?? result.affectedRows ?? 0);
  }

  /** One notice per confidential complaint to the chairman received since `since`, for Home Affairs. */
  async enqueueComplaintNotices(since: Date, now: Date): Promise<number> {
    const result = await this.knex.raw(
      `insert into notifications (kind, ticket_id, period, next_attempt_at, created_at, updated_at)
       select 'complaint_received', t.id, '', :now::timestamptz, :now::timestamptz, :now::timestamptz
       from tickets t
       where t.leader_only and t.received_at >= :since::timestamptz and ${LIVE}
       on conflict do nothing`,
      { since, now },
    );
    return Number(result.rowCount ?? result.affectedRows ?? 0);
  }

  /** The day's reminder per unit with overdue open tickets, and one escalation when any is `escalateBefore`. */
  async enqueueReminders(day: string, now: Date, escalateBefore: Date): Promise<void> {
    await this.knex.raw(
      `insert into notifications (kind, unit_id, period, next_attempt_at, created_at, updated_at)
       select distinct 'overdue_reminder', t.unit_id, :day, :now::timestamptz, :now::timestamptz, :now::timestamptz
       from tickets t where ${OPEN} and ${LIVE} and ${NOT_COMPLAINT} and t.due_at < :now::timestamptz
       on conflict do nothing`,
      { day, now },
    );
    await this.knex.raw(
      `insert into notifications (kind, period, next_attempt_at, created_at, updated_at)
       select 'overdue_escalation', :day, :now::timestamptz, :now::timestamptz, :now::timestamptz
       where exists (select 1 from tickets t where ${OPEN} and ${LIVE} and ${NOT_COMPLAINT} and t.due_at < :before::timestamptz)
       on conflict do nothing`,
      { day, now, before: escalateBefore },
    );
  }

  async claim(
    now: Date,
    options: { limit: number; maxAttempts: number; staleBefore: Date },
  ): Promise<ClaimedNotification[]> {
    const result = await this.knex.raw(
      `update notifications set status = 'sending', attempts = attempts + 1, updated_at = :now
       where id in (
         select id from notifications
         where (status in ('pending', 'failed') and next_attempt_at <= :now and attempts < :maxAttempts)
            or (status = 'sending' and updated_at < :staleBefore and attempts < :maxAttempts)
         order by id limit :limit
         for update skip locked)
       returning id, kind, ticket_id, unit_id, period, attempts`,
      { now, ...options },
    );
    return (result.rows as Record<string, unknown>[]).map((row) => ({
      id: Number(row.id),
      kind: row.kind as NotificationKind,
      ticketId: row.ticket_id === null ? null : Number(row.ticket_id),
      unitId: row.unit_id === null ? null : Number(row.unit_id),
      period: row.period as string,
      attempts: Number(row.attempts),
    }));
  }

  async markSent(
    n: ClaimedNotification,
    sent: { messageId: string | null; recipients: string[] },
    now: Date,
  ) {
    await this.knex('notifications').where({ id: n.id, attempts: n.attempts, status: 'sending' }).update({
      status: 'sent',
      message_id: sent.messageId,
      recipients: sent.recipients,
      sent_at: now,
      last_error: null,
      updated_at: now,
    });
  }

  async markFailed(n: ClaimedNotification, error: string, now: Date, nextAttemptAt: Date) {
    await this.knex('notifications')
      .where({ id: n.id, attempts: n.attempts, status: 'sending' })
      .update({
        status: 'failed',
        last_error: error.slice(0, 2000),
        next_attempt_at: nextAttemptAt,
        updated_at: now,
      });
  }

  async countPendingRetries(maxAttempts: number): Promise<number> {
    const row = await this.knex('notifications')
      .where({ status: 'failed' })
      .andWhere('attempts', '<', maxAttempts)
      .count<{ count: number }>({ count: '*' })
      .first();
    return Number(row?.count ?? 0);
  }

  private tickets() {
    return this.knex('tickets as t')
      .leftJoin('units as u', 'u.id', 't.unit_id')
      .select(
        't.id',
        't.code',
        't.received_at',
        't.due_at',
        't.caller_number',
        't.caller_anonymous',
        't.confidential',
        't.outcome',
        't.unit_id',
        'u.name as unit_name',
        'u.notify_emails',
      );
  }

  /** A ticket a unit's notice may name: never a confidential complaint to the chairman. */
  async ticket(id: number): Promise<NoticeTicket | undefined> {
    const row = await this.tickets().where('t.id', id).whereRaw(NOT_COMPLAINT).first();
    return row ? ticketOf(row) : undefined;
  }

  /** A confidential complaint to the chairman, for its notice to Home Affairs. */
  async complaint(id: number): Promise<NoticeTicket | undefined> {
    const row = await this.tickets().where('t.id', id).andWhere('t.leader_only', true).first();
    return row ? ticketOf(row) : undefined;
  }

  /** Open tickets past due before `before`, oldest due first; of one unit (null: no unit) or of all. */
  async overdue(before: Date, unitId?: number | null, limit = 200): Promise<NoticeTicket[]> {
    const query = this.tickets()
      .whereRaw(OPEN)
      .whereRaw(LIVE)
      .whereRaw(NOT_COMPLAINT)
      .andWhere('t.due_at', '<', before)
      .orderBy('t.due_at')
      .limit(limit);
    if (unitId === null) query.whereNull('t.unit_id');
    else if (unitId !== undefined) query.where('t.unit_id', unitId);
    return (await query).map(ticketOf);
  }

  async unit(id: number): Promise<{ name: string; notifyEmails: string[] } | undefined> {
    const row = await this.knex('units').where({ id }).first('name', 'notify_emails');
    return row ? { name: row.name, notifyEmails: row.notify_emails ?? [] } : undefined;
  }
}
