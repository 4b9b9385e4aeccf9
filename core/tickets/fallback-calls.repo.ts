import type { Knex } from 'knex';
import type { CallTicketsRepository } from './call-tickets.repo';
import { callbackDueAt } from './call-verdict';
import type { FallbackCall } from './fallback-call';
import { FINAL_IVR_VERSION, finalSnapshot } from './final-ticket';

/** The fallback's step sorts after the call's own and after a restart's. */
const FALLBACK_SEQ = 2_000_000;

/**
 * Turns calls the dialplan fallback handled into tickets, exactly once: the channel id is the key,
 * so a call the IVR handed over completes its own ticket and a record read twice changes nothing.
 */
export class FallbackCallsRepository {
  constructor(
    private readonly knex: Knex,
    private readonly tickets: CallTicketsRepository,
    private readonly codeYear: (at: Date) => number,
  ) {}

  async record(call: FallbackCall): Promise<void> {
    const endedAt = call.endedAt ?? call.receivedAt;
    const answeredAt = call.answered ? new Date(endedAt.getTime() - call.talkSeconds * 1000) : null;
    const contact =
      call.contactId === null
        ? undefined
        : ((await this.knex('contacts').where({ id: call.contactId }).first('id', 'name', 'unit_id')) as
            | { id: number; name: string; unit_id: number }
            | undefined);
    const answeredBy = call.answered && contact ? contact : undefined;
    const dueAt = call.answered ? null : callbackDueAt(endedAt);
    const step = {
      seq: FALLBACK_SEQ,
      at: endedAt,
      kind: 'fallback.handled',
      data: { reason: call.reason, answered: call.answered, contactId: call.contactId },
    };
    const existing = (await this.knex('tickets')
      .where({ asterisk_channel_id: call.channelId })
      .first('id')) as { id: number } | undefined;
    if (existing) {
      await this.knex('tickets')
        .where({ id: existing.id })
        .update({
          outcome: call.answered ? 'answered' : this.knex.raw("coalesce(outcome, 'missed')"),
          answered_at: answeredAt ?? this.knex.raw('answered_at'),
          answered_by_contact_id: answeredBy?.id ?? this.knex.raw('answered_by_contact_id'),
          answered_by_name: answeredBy?.name ?? this.knex.raw('answered_by_name'),
          talk_seconds: call.answered ? call.talkSeconds : this.knex.raw('talk_seconds'),
          ended_at: endedAt,
          needs_callback: call.answered ? this.knex.raw('needs_callback') : true,
          due_at: dueAt ?? this.knex.raw('due_at'),
          ivr_version: FINAL_IVR_VERSION,
          updated_at: this.knex.fn.now(),
        });
      await this.knex('ticket_events')
        .insert({ ticket_id: existing.id, ...step, data: JSON.stringify(step.data) })
        .onConflict(['ticket_id', 'seq'])
        .ignore();
      return;
    }
    await this.tickets.write(
      {
        snapshot: finalSnapshot({
          channelId: call.channelId,
          callerNumber: call.callerNumber,
          receivedAt: call.receivedAt,
          unitId: contact?.unit_id ?? null,
          answeredAt,
          endedAt,
          answeredByContactId: answeredBy?.id ?? null,
          answeredByName: answeredBy?.name ?? null,
          outcome: call.answered ? 'answered' : 'missed',
          waitSeconds: Math.max(
            0,
            Math.round(((answeredAt ?? endedAt).getTime() - call.receivedAt.getTime()) / 1000),
          ),
          talkSeconds: call.answered ? call.talkSeconds : null,
          needsCallback: !call.answered,
          dueAt,
        }),
        events: [{ seq: 1, at: call.receivedAt, kind: 'call.received', data: { at: call.receivedAt } }, step],
      },
      this.codeYear(call.receivedAt),
    );
  }
}
