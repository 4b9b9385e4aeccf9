import { NotFoundError } from '../../../core/errors';
import type { SessionUser } from '../auth/session-user';
import { complaintViews } from './ticket-views.audit';
import type { TicketsRepository } from './tickets.repo';
import { type MediaKind, sightFor } from './tickets.view';

/**
 * What a ticket holds beside its text: the call's recording, the voice message, the citizen's
 * photos. Each is found only by whoever may open the ticket (anyone else gets not found, exactly
 * as for no ticket), and each read is audited in the transaction that reads it; a confidential
 * complaint's also as a complaint view.
 */
export class TicketMedia {
  constructor(private readonly repo: TicketsRepository) {}

  /** The stored name of a ticket's recording or voicemail, its playing audited as it is read. */
  async mediaName(user: SessionUser, id: number, kind: MediaKind, ip: string | null): Promise<string> {
    return this.repo.transaction(async (tickets, audit) => {
      const record = await tickets.find(id);
      if (!record || !sightFor(user, record)) throw new NotFoundError('ticket', id);
      const name = kind === 'recording' ? record.recordingName : record.voicemailName;
      if (!name) throw new NotFoundError(`${kind} of ticket`, id);
      await audit.record([
        {
          userId: user.id,
          action: `ticket.play-${kind}`,
          entity: 'ticket',
          entityId: id,
          details: { name },
          ip,
        },
        ...complaintViews(user, [record], ip, kind),
      ]);
      return name;
    });
  }

  /**
   * A photo of a ticket, to whoever may read the ticket's text; each view audited as it is read,
   * as a recording's playing is. Not found, as the ticket itself, for anyone else.
   */
  async photo(
    user: SessionUser,
    id: number,
    n: number,
    ip: string | null,
  ): Promise<{ code: string; bytes: Buffer }> {
    return this.repo.transaction(async (tickets, audit) => {
      const record = await tickets.find(id);
      const sight = record ? sightFor(user, record) : null;
      if (!record || !sight?.text) throw new NotFoundError('ticket', id);
      const photo = await tickets.photos().bytesOf(id, n);
      if (!photo) throw new NotFoundError('photo of ticket', id);
      await audit.record([
        {
          userId: user.id,
          action: 'ticket.view-photo',
          entity: 'ticket',
          entityId: id,
          details: { n, sha256: photo.sha256 },
          ip,
        },
        ...complaintViews(user, [record], ip, 'photo'),
      ]);
      return { code: record.code, bytes: photo.bytes };
    });
  }
}
