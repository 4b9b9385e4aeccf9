import cron, { type ScheduledTask } from 'node-cron';
import { localDateOf, localDateTime } from '../../core/domain/calendar';
import type { Logger } from '../../core/logger';
import type { MailHealth } from '../mail/mail.health';
import type { Mailer } from '../mail/mail.transport';
import { cronFiredBetween, cronTimesOf } from './cron-fired';
import {
  isTicketNotice,
  type NoticeContext,
  type RenderedNotice,
  renderComplaintNotice,
  renderEscalation,
  renderReminder,
  renderTicketNotice,
} from './notifications.render';
import { type ClaimedNotification, NotificationsRepository } from './notifications.repo';
import { errorMessage, RETRY_POLICY } from './retry.policy';

const DAY_MS = 24 * 3600_000;
/** Tickets older than this are not notified any more: a first start on old data sends no flood. */
const LOOKBACK_MS = DAY_MS;
const BATCH = 20;

export interface NotificationsJobOptions {
  knex: import('knex').Knex;
  mailer: Mailer;
  health: MailHealth;
  logger: Logger;
  timeZone: string;
  publicUrl: string;
  reminderCron: string;
  escalateAfterDays: number;
  /** Where messages go when a unit has no address, and where escalations go: DIGEST_TO or admin_email. */
  adminEmail: () => Promise<string | undefined>;
  pollEveryMs?: number;
  now?: () => Date;
}

/**
 * Ticket notifications through the outbox table: a poller enqueues missed calls, voicemails and
 * "not satisfied" ratings straight from the tickets (the IVR knows nothing of mail), a daily cron
 * enqueues reminders and escalations, and the same poller sends whatever it claims, retrying with
 * backoff. Every instance may run it; each row goes out once.
 */
export class NotificationsJob {
  private readonly repo: NotificationsRepository;
  private readonly now: () => Date;
  private task: ScheduledTask | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(private readonly options: NotificationsJobOptions) {
    this.repo = new NotificationsRepository(options.knex);
    this.now = options.now ?? (() => new Date());
  }

  /** Resolves when the start-up catch-up (today's reminders if their time has passed, a first poll) ends. */
  caughtUp: Promise<void> = Promise.resolve();

  start(): void {
    const { reminderCron, timeZone } = this.options;
    const task = cron.schedule(reminderCron, () => this.remindAndPoll(), {
      timezone: timeZone,
      name: 'reminders',
      noOverlap: true,
    });
    this.task = task;
    this.caughtUp = (async () => {
      if (this.reminderFiredToday(reminderCron, task)) await this.enqueueReminders();
      await this.poll();
    })();
    this.timer = setInterval(() => void this.poll(), this.options.pollEveryMs ?? 30_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.caughtUp;
    await this.task?.destroy();
    await this.polling;
  }

  async remindAndPoll(): Promise<void> {
    await this.enqueueReminders();
    await this.poll();
  }

  /** Today's reminders (idempotent: one per unit and day, whoever enqueues first). */
  async enqueueReminders(): Promise<void> {
    const now = this.now();
    const escalateBefore = new Date(now.getTime() - this.options.escalateAfterDays * DAY_MS);
    await this.guard('enqueue reminders', () =>
      this.repo.enqueueReminders(localDateOf(now, this.options.timeZone), now, escalateBefore),
    );
  }

  /** Enqueues new ticket notices and sends what is due; one poll at a time per instance. */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    const now = this.now();
    const since = new Date(now.getTime() - LOOKBACK_MS);
    await this.guard('enqueue notices', () => this.repo.enqueueTicketNotices(since, now));
    await this.guard('enqueue complaint notices', () => this.repo.enqueueComplaintNotices(since, now));
    const claimed =
      (await this.guard('claim notifications', () =>
        this.repo.claim(now, {
          limit: BATCH,
          maxAttempts: RETRY_POLICY.maxAttempts,
          staleBefore: new Date(now.getTime() - RETRY_POLICY.staleAfterMs),
        }),
      )) ?? [];
    for (const notification of claimed) await this.deliver(notification);
    if (claimed.length > 0) {
      const pending = await this.guard('count retries', () =>
        this.repo.countPendingRetries(RETRY_POLICY.maxAttempts),
      );
      this.options.health.pendingRetries('notifications', pending ?? 0);
    }
  }

  private async deliver(notification: ClaimedNotification): Promise<void> {
    const { logger, health, mailer } = this.options;
    const log = logger.child({
      notification: notification.id,
      kind: notification.kind,
      ticketId: notification.ticketId,
    });
    try {
      const message = await this.compose(notification);
      if (!message) {
        await this.repo.markSent(notification, { messageId: null, recipients: [] }, this.now());
        log.debug('nothing left to notify');
        return;
      }
      const sent = await mailer.send({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      await this.repo.markSent(
        notification,
        { messageId: sent.messageId, recipients: message.to },
        this.now(),
      );
      health.sent(this.now());
      log.info('notification sent', { to: message.to });
    } catch (error) {
      const now = this.now();
      const next = new Date(now.getTime() + RETRY_POLICY.retryDelayMs(notification.attempts));
      await this.guard('mark failed', () =>
        this.repo.markFailed(notification, errorMessage(error), now, next),
      );
      health.failed(`notification ${notification.kind}`, error, now);
      log.error('notification failed; it will be retried', {
        attempt: notification.attempts,
        error: errorMessage(error),
      });
    }
  }

  /** The message and its recipients, or null when the facts no longer call for one. */
  private async compose(n: ClaimedNotification): Promise<(RenderedNotice & { to: string[] }) | null> {
    const context: NoticeContext = { publicUrl: this.options.publicUrl, timeZone: this.options.timeZone };
    const admin = await this.options.adminEmail();
    const orAdmin = (emails: string[]) => (emails.length > 0 ? emails : admin ? [admin] : []);
    let message: (RenderedNotice & { to: string[] }) | null;
    if (isTicketNotice(n.kind)) {
      const ticket = n.ticketId === null ? undefined : await this.repo.ticket(n.ticketId);
      message = ticket
        ? { ...renderTicketNotice(n.kind, ticket, context), to: orAdmin(ticket.notifyEmails) }
        : null;
    } else if (n.kind === 'complaint_received') {
      // Home Affairs' address only, never the unit's: the complaint is about the unit's officials.
      const ticket = n.ticketId === null ? undefined : await this.repo.complaint(n.ticketId);
      message = ticket ? { ...renderComplaintNotice(ticket, context), to: admin ? [admin] : [] } : null;
    } else if (n.kind === 'overdue_reminder') {
      const tickets = await this.repo.overdue(this.now(), n.unitId);
      const unit = n.unitId === null ? undefined : await this.repo.unit(n.unitId);
      const name = unit?.name ?? 'Chưa chọn đơn vị';
      message =
        tickets.length > 0
          ? { ...renderReminder(name, tickets, context), to: orAdmin(unit?.notifyEmails ?? []) }
          : null;
    } else {
      const days = this.options.escalateAfterDays;
      const tickets = await this.repo.overdue(new Date(this.now().getTime() - days * DAY_MS));
      message =
        tickets.length > 0 ? { ...renderEscalation(tickets, days, context), to: admin ? [admin] : [] } : null;
    }
    if (message && message.to.length === 0) {
      throw new Error(
        'no recipient: the unit has no notification e-mail and neither DIGEST_TO nor admin_email is set',
      );
    }
    return message;
  }

  private reminderFiredToday(expression: string, task: ScheduledTask): boolean {
    const now = this.now();
    const { timeZone } = this.options;
    const times = cronTimesOf(expression, (minute) => task.match(minute));
    return cronFiredBetween(times, timeZone, localDateTime(now, timeZone).startOf('day').toJSDate(), now);
  }

  /** A database or mail hiccup is logged and retried on the next poll, never thrown at a timer. */
  private async guard<T>(what: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      this.options.logger.error(`notifications: ${what} failed`, { error: errorMessage(error) });
      this.options.health.failed(`notifications: ${what}`, error, this.now());
      return undefined;
    }
  }
}
