import type { Knex } from 'knex';
import { isUniqueViolation } from '../db/pg-errors';
import { ticketCodePrefix } from '../domain/ticket-code';
import type { Logger } from '../logger';
import type { CallTicketSnapshot, CallTicketWrite } from './call-ticket';

export interface StoredTicketRef {
  id: number;
  code: string;
}

/** The ticket columns a call writes, with their SQL types (the first insert casts its parameters). */
const CALL_COLUMNS = {
  caller_number: 'text',
  caller_anonymous: 'boolean',
  unit_id: 'integer',
  dialed_code: 'text',
  received_at: 'timestamptz',
  answered_at: 'timestamptz',
  ended_at: 'timestamptz',
  answered_by_contact_id: 'integer',
  answered_by_name: 'text',
  outcome: 'text',
  abandoned_stage: 'text',
  ended_by: 'text',
  wait_seconds: 'integer',
  talk_seconds: 'integer',
  recording_name: 'text',
  voicemail_name: 'text',
  rating: 'smallint',
  needs_callback: 'boolean',
  due_at: 'timestamptz',
  ivr_version: 'integer',
} as const;

type CallColumns = { [column in keyof typeof CALL_COLUMNS]: Knex.Value };

function columnsOf(snapshot: CallTicketSnapshot): CallColumns {
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

const COLUMN_NAMES = Object.keys(CALL_COLUMNS) as Array<keyof typeof CALL_COLUMNS>;

/**
 * A call's first snapshot as a new ticket with the next code of its year, in one statement. The
 * counter moves only when the channel has no ticket yet, so a replayed first write leaves no gap;
 * the code is built in the layout of formatTicketCode (HL-YYYY-NNNNNN, six digits at least).
 */
const INSERT_WITH_NEXT_CODE = `
  with next as (
    insert into ticket_code_counters as counter (year, last_value)
    select ?, 1 where not exists (select 1 from tickets where asterisk_channel_id = ?)
    on conflict (year) do update set last_value = counter.last_value + 1
    returning last_value
  )
  insert into tickets (${COLUMN_NAMES.join(', ')}, channel, asterisk_channel_id, code)
  select ${COLUMN_NAMES.map((name) => `?::${CALL_COLUMNS[name]}`).join(', ')}, 'phone', ?,
    ? || case when last_value < 1000000 then lpad(last_value::text, 6, '0') else last_value::text end
  from next
  on conflict (asterisk_channel_id) do nothing
  returning id, code`;

/**
 * Moves the year's counter past the highest code already in the table (codes imported, restored
 * from a backup, or a counter reset by hand), so the next code is free again.
 */
const ADVANCE_COUNTER_PAST_CODES = `
  insert into ticket_code_counters as counter (year, last_value)
  select ?, coalesce(max(substring(code from ?::integer)::bigint), 0) from tickets where code ~ ?
  on conflict (year) do update set last_value = greatest(counter.last_value, excluded.last_value)
  returning last_value`;

export class CallTicketsRepository {
  constructor(
    private readonly knex: Knex,
    private readonly logger?: Pick<Logger, 'warn'>,
  ) {}

  /**
   * Writes a call's snapshot and new timeline steps. Idempotent without a transaction, so a call
   * costs few round trips: the channel id finds the ticket, an older version never overwrites a
   * newer one, and a step already stored (same seq) is not added again. A write cut off half-way
   * is completed by its replay from the outbox.
   */
  async write(write: CallTicketWrite, codeYear: number): Promise<StoredTicketRef> {
    const { snapshot, events } = write;
    // A call's first snapshot is almost always new: try the insert first; later ones update first.
    const ticket =
      snapshot.version === 1
        ? ((await this.insert(snapshot, codeYear)) ?? (await this.update(snapshot)))
        : ((await this.update(snapshot)) ?? (await this.insert(snapshot, codeYear)));
    const stored =
      ticket ??
      ((await this.knex('tickets').where({ asterisk_channel_id: snapshot.channelId }).first('id', 'code')) as
        | StoredTicketRef
        | undefined);
    if (!stored) throw new Error(`ticket for channel ${snapshot.channelId} vanished while being written`);
    if (events.length > 0) {
      await this.knex('ticket_events')
        .insert(
          events.map((event) => ({
            ticket_id: stored.id,
            seq: event.seq,
            at: event.at,
            kind: event.kind,
            data: JSON.stringify(event.data),
          })),
        )
        .onConflict(['ticket_id', 'seq'])
        .ignore();
    }
    return { id: stored.id, code: stored.code };
  }

  /** The newer snapshot over the stored one; undefined when there is no ticket or it is newer. */
  private async update(snapshot: CallTicketSnapshot): Promise<StoredTicketRef | undefined> {
    const [row] = await this.knex('tickets')
      .where({ asterisk_channel_id: snapshot.channelId })
      .andWhere('ivr_version', '<', snapshot.version)
      .update({ ...columnsOf(snapshot), updated_at: this.knex.fn.now() })
      .returning(['id', 'code']);
    return row;
  }

  /**
   * A new ticket with the next code; undefined when the channel already has one. A counter that
   * fell behind the codes in the table clashes on the code: it is moved past them and the insert
   * tried once more, so the call's ticket is written now instead of waiting in the outbox.
   */
  private async insert(snapshot: CallTicketSnapshot, codeYear: number): Promise<StoredTicketRef | undefined> {
    try {
      return await this.insertWithNextCode(snapshot, codeYear);
    } catch (error) {
      if (!isUniqueViolation(error, 'tickets_code_unique')) throw error;
      const lastValue = await this.advanceCounterPastCodes(codeYear);
      this.logger?.warn('ticket code counter was behind the codes in the table: moved past them', {
        year: codeYear,
        lastValue,
        channelId: snapshot.channelId,
      });
      return await this.insertWithNextCode(snapshot, codeYear);
    }
  }

  private async insertWithNextCode(
    snapshot: CallTicketSnapshot,
    codeYear: number,
  ): Promise<StoredTicketRef | undefined> {
    const values = columnsOf(snapshot);
    const result = await this.knex.raw(INSERT_WITH_NEXT_CODE, [
      codeYear,
      snapshot.channelId,
      ...COLUMN_NAMES.map((name) => values[name]),
      snapshot.channelId,
      ticketCodePrefix(codeYear),
    ]);
    return result.rows[0];
  }

  private async advanceCounterPastCodes(codeYear: number): Promise<number> {
    const prefix = ticketCodePrefix(codeYear);
    const result = await this.knex.raw(ADVANCE_COUNTER_PAST_CODES, [
      codeYear,
      prefix.length + 1,
      `^${prefix}[0-9]+$`,
    ]);
    return Number(result.rows[0].last_value);
  }
}
