import { dialTargetToString } from '../../../core/domain/dial-target';
import { maskPhone } from '../../../core/domain/phone';
import { NotFoundError } from '../../../core/errors';
import type { Logger } from '../../../core/logger';
import type { TimelineKind } from '../../../core/tickets/timeline.vocabulary';
import type { AuditRepository } from '../audit/audit.repo';
import type { SessionUser } from '../auth/session-user';
import type { TicketsService } from '../tickets/tickets.service';
import { type CallbackPlacer, CallbackRefusedError, CallbacksUnavailableError } from './callbacks.port';
import type { CallbacksRepository, UnitContact } from './callbacks.repo';
import type { CalledBack, Telephony } from './callbacks.schemas';

export interface CallbackStart {
  /** Defaults to the first of the unit's on-duty contacts now. */
  contactId?: number | undefined;
  /** Whether a connected callback clears the ticket's "needs callback" flag (default true). */
  closeFollowUp: boolean;
}

const NEEDS_CALLBACK_OUTCOMES = new Set(['missed', 'voicemail']);

const shownDial = (contact: UnitContact) =>
  contact.dial.kind === 'phone' ? maskPhone(contact.dial.e164) : dialTargetToString(contact.dial);

/**
 * "Gọi lại" from a ticket: checks the user may work the ticket and that it wants a callback, picks
 * the official's phone, has the IVR place the call and writes each step to the ticket's timeline.
 * The ticket is never duplicated: a callback is part of the story of the call it answers.
 */
export class CallbacksService {
  constructor(
    private readonly placer: CallbackPlacer | undefined,
    private readonly tickets: TicketsService,
    private readonly repo: CallbacksRepository,
    private readonly audit: AuditRepository,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Whether a switchboard is there to play recordings from (`hasRecordings`) and place callbacks through. */
  telephony(hasRecordings: boolean): Telephony {
    return { recordings: hasRecordings, connected: this.placer?.isConnected ?? false };
  }

  async start(user: SessionUser, ticketId: number, input: CallbackStart, ip: string | null) {
    if (!this.placer) throw new CallbacksUnavailableError('not-configured');
    const placer = this.placer;
    const ticket = await this.tickets.openable(user, ticketId);
    // The IVR would ring the unit's on-duty official, the very people a complaint is about.
    if (ticket.leaderOnly)
      throw new CallbackRefusedError(
        'callback-complaint',
        `Ticket ${ticket.code} is a confidential complaint to the chairman: it is not called back through its unit`,
        ticket.code,
      );
    const wantsCallback =
      ticket.needsCallback || NEEDS_CALLBACK_OUTCOMES.has(ticket.outcome ?? '') || ticket.rating === 3;
    if (!wantsCallback)
      throw new CallbackRefusedError(
        'callback-not-needed',
        `Ticket ${ticket.code} does not ask for a callback`,
        ticket.code,
      );
    if (ticket.callerNumber === null)
      throw new CallbackRefusedError(
        'no-caller-number',
        `The caller of ticket ${ticket.code} withheld the number`,
        ticket.code,
      );
    if (!ticket.unit)
      throw new CallbackRefusedError(
        'no-unit',
        `Ticket ${ticket.code} has no unit whose official could call back`,
        ticket.code,
      );
    if (placer.hasCallbackFor(ticketId))
      throw new CallbackRefusedError(
        'callback-in-progress',
        `A callback for ticket ${ticket.code} is under way`,
        ticket.code,
      );
    if (!placer.isConnected) throw new CallbacksUnavailableError('not-connected');
    const official = await this.official(ticket.unit.id, input.contactId);

    await this.repo.addEvent(
      ticketId,
      'callback.requested',
      {
        contactId: official.contactId,
        name: official.name,
        dial: shownDial(official),
        closeFollowUp: input.closeFollowUp,
      },
      user.id,
    );
    await this.audit.record({
      userId: user.id,
      action: 'ticket.callback',
      entity: 'ticket',
      entityId: ticketId,
      details: { contactId: official.contactId },
      ip,
    });
    // Steps are written in the order they happen, each after the previous one landed.
    let written: Promise<void> = Promise.resolve();
    const report = (kind: TimelineKind, data: Record<string, unknown>) => {
      written = written
        .then(async () => {
          // The flag goes first, so a timeline showing the result never shows a ticket still waiting.
          if (kind === 'callback.result' && data.result === 'connected' && input.closeFollowUp)
            await this.repo.closeFollowUp(ticketId);
          await this.repo.addEvent(ticketId, kind, data, user.id);
        })
        .catch((error: unknown) => {
          this.logger.error('callback step could not be written to the ticket', { ticketId, kind, error });
        });
    };
    const { callbackId } = placer.startCallback(
      {
        ticketId,
        unit: ticket.unit,
        official,
        citizenNumber: ticket.callerNumber,
        confidential: ticket.confidential,
      },
      report,
    );
    return { callbackId, official: { contactId: official.contactId, name: official.name } };
  }

  /**
   * "Đã gọi lại": the official called the citizen back outside the IVR (from their own mobile) and
   * records what came of it; the step, the cleared flag and the audit row land together.
   */
  async recordCalledBack(user: SessionUser, ticketId: number, body: CalledBack, ip: string | null) {
    await this.tickets.openable(user, ticketId);
    await this.repo.transaction(async (callbacks, audit) => {
      await callbacks.lockTicket(ticketId);
      if (body.closeFollowUp) await callbacks.closeFollowUp(ticketId);
      const data = { result: body.result, note: body.note || null, closeFollowUp: body.closeFollowUp };
      await callbacks.addEvent(ticketId, 'callback.manual', data, user.id);
      await audit.record({
        userId: user.id,
        action: 'ticket.called-back',
        entity: 'ticket',
        entityId: ticketId,
        details: { result: body.result, closeFollowUp: body.closeFollowUp },
        ip,
      });
    });
    return this.tickets.get(user, ticketId, ip);
  }

  private async official(unitId: number, contactId: number | undefined): Promise<UnitContact> {
    if (contactId !== undefined) {
      const chosen = await this.repo.activeContact(unitId, contactId);
      if (!chosen) throw new NotFoundError('active contact of the ticket unit', contactId);
      return chosen;
    }
    const onDuty = this.placer?.onDuty(unitId, this.now()) ?? [];
    const first = onDuty.find((target) => !target.isFallback) ?? onDuty[0];
    if (!first)
      throw new CallbackRefusedError(
        'nobody-on-duty',
        'Nobody of the unit is on duty now: choose a contact to ring',
      );
    return { contactId: first.contactId, name: first.contactName, dial: first.dial };
  }
}
