import type { Knex } from 'knex';
import { formatTicketCode } from '../domain/ticket-code';
import type { CallTicketSnapshot, CallTicketWrite } from './call-ticket';

export interface StoredTicketRef {
  id: number;
  code: string;
}

function columnsOf(snapshot: CallTicketSnapshot) {
  return {
    caller_number: snapshot.callerNumber,
    caller_anonymous: snapshot.callerAnonymous,
    unit_id: snapshot.unitId,
    dialed_code: snapshot.dialedCode,
    received_at: snapshot.receivedAt,
    answered_at: snapshot.answeredAt,
    ended_at: snapshot.endedAt,
    answered_by_contact_id: snapshot.answeredByContactId,
    answered_by_name: snapshot.answeredByName,
    outcome: snapshot.outcome,
    abandoned_stage: snapshot.abandonedStage,
    ended_by: snapshot.endedBy,
    wait_seconds: snapshot.waitSeconds,
    talk_seconds: snapshot.talkSeconds,
    recording_name: snapshot.recordingName,
    voicemail_name: snapshot.voicemailName,
    rating: snapshot.rating,
    needs_callback: snapshot.needsCallback,
    due_at: snapshot.dueAt,
    ivr_version: snapshot.version,
  };
}

/** Next code of the ticket's year (the year the call was received in, in the organisation's zone). */
async function allocateCode(trx: Knex.Transaction, year: number): Promise<string> {
  const [row] = await trx('ticket_code_counters')
    .insert({ year, last_value: 1 })
    .onConflict('year')
    .merge({ last_value: trx.raw('ticket_code_counters.last_value + 1') })
    .returning('last_value');
  return formatTicketCode(year, row.last_value);
}

export class CallTicketsRepository {
  constructor(private readonly knex: Knex) {}

  /**
   * Writes a call's snapshot and new timeline steps in one transaction. Idempotent: the channel id
   * finds the ticket, an older version never overwrites a newer one, and a step already stored
   * (same seq) is not added again.
   */
  async write(write: CallTicketWrite, codeYear: number): Promise<StoredTicketRef> {
    const { snapshot, events } = write;
    return this.knex.transaction(async (trx) => {
      let ticket: StoredTicketRef | undefined = await trx('tickets')
        .where({ asterisk_channel_id: snapshot.channelId })
        .forUpdate()
        .first('id', 'code');
      if (ticket) {
        await trx('tickets')
          .where({ id: ticket.id })
          .andWhere('ivr_version', '<', snapshot.version)
          .update({ ...columnsOf(snapshot), updated_at: trx.fn.now() });
      } else {
        const code = await allocateCode(trx, codeYear);
        const inserted = await trx('tickets')
          .insert({ ...columnsOf(snapshot), code, channel: 'phone', asterisk_channel_id: snapshot.channelId })
          .onConflict('asterisk_channel_id')
          .ignore()
          .returning(['id', 'code']);
        ticket =
          inserted[0] ??
          (await trx('tickets').where({ asterisk_channel_id: snapshot.channelId }).first('id', 'code'));
      }
      if (!ticket) throw new Error(`ticket for channel ${snapshot.channelId} vanished while being written`);
      if (events.length > 0) {
        await trx('ticket_events')
          .insert(
            events.map((event) => ({
              ticket_id: ticket.id,
              seq: event.seq,
              at: event.at,
              kind: event.kind,
              data: JSON.stringify(event.data),
            })),
          )
          .onConflict(['ticket_id', 'seq'])
          .ignore();
      }
      return { id: ticket.id, code: ticket.code };
    });
  }
}
