import type { Knex } from 'knex';
import { isUniqueViolation } from '../db/pg-errors';
import { formatTicketCode, ticketCodePrefix } from '../domain/ticket-code';
import type { Logger } from '../logger';
import type { CallTicketSnapshot, CallTicketWrite } from './call-ticket';
import type { TicketChannel } from './ticket-channel';
import { newTrackingSecret, trackingSecretHash } from './tracking-secret';

export interface StoredTicketRef {
  id: number;
  code: string;
  /**
   * The secret whose hash the ticket was created with, for the caller to hear: only in the answer
   * to the write that created it (a replay's or a later write's answer has none), never logged.
   */
  trackingSecret?: string;
}

/**
 * The ticket columns a call writes, from its snapshot. The confidential marks are written only to
 * set them: a call never lifts a mark Home Affairs put on its ticket while it went on.
 */
function columnsOf(snapshot: CallTicketSnapshot): Record<string, Knex.Value> {
  return {
    ...(snapshot.leaderOnly === true && { confidential: true, leader_only: true }),
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

/**
 * The next value of the year's code counter, taken only while the channel has no ticket yet, so a
 * replayed first write takes none; no row when it has one. The code's layout is formatTicketCode's.
 */
const TAKE_NEXT_CODE_VALUE = `
  insert into ticket_code_counters as counter (year, last_value)
  select ?, 1 where not exists (select 1 from tickets where asterisk_channel_id = ?)
  on conflict (year) do update set last_value = counter.last_value + 1
  returning last_value`;

/**
 * Moves the year's counter past the highest code already in the table (codes imported, restored
 * from a backup, or a counter reset by hand), so the next code is free again.
 */
const ADVANCE_COUNTER_PAST_CODES = `
  insert into ticket_code_counters as counter (year, last_value)
  select ?, coalesce(max(substring(code from ?::integer)::bigint), 0) from tickets where code ~ ?
  on conflict (year) do update set last_value = greatest(counter.last_value, excluded.last_value)
  returning last_value`;

/**
 * A call's timeline steps (a JSON array) on its ticket, found by channel id; none without a ticket,
 * nor (when the last parameter is true) on a ticket that already has an outcome.
 */
const ADD_STEPS = `
  insert into ticket_events (ticket_id, seq, at, kind, data)
  select t.id, e.seq, e.at, e.kind, e.data
  from tickets t, jsonb_to_recordset(?::jsonb) as e(seq integer, at timestamptz, kind text, data jsonb)
  where t.asterisk_channel_id = ? and (t.outcome is null or not ?::boolean)
  on conflict (ticket_id, seq) do nothing`;

export class CallTicketsRepository {
  constructor(
    private readonly knex: Knex,
    private readonly logger?: Pick<Logger, 'warn'>,
  ) {}

  /**
   * Writes a call's snapshot and new timeline steps. Idempotent without a transaction, so a call
   * costs few round trips: the channel id finds the ticket, an older version never overwrites a
   * newer one, and a step already stored (same seq) is not added again. A write cut off half-way
   * is completed by its replay from the outbox. The steps of a later write go in before its
   * snapshot: whoever reads a call's new outcome finds the steps that led to it.
   */
  async write(write: CallTicketWrite, codeYear: number): Promise<StoredTicketRef> {
    const { snapshot, events } = write;
    const { channelId } = snapshot;
    // A call's first snapshot is almost always new: try the insert first; later ones update first.
    let ticket: StoredTicketRef | undefined;
    if (snapshot.version === 1) {
      ticket = (await this.insert(snapshot, codeYear)) ?? (await this.update(snapshot));
      await this.addSteps(channelId, events);
    } else {
      await this.addSteps(channelId, events);
      ticket = await this.update(snapshot);
      if (!ticket) {
        // No ticket yet (its first write is in the outbox) or a newer one stored: the steps again once it exists.
        ticket = await this.insert(snapshot, codeYear);
        await this.addSteps(channelId, events);
      }
    }
    const stored =
      ticket ??
      ((await this.knex('tickets').where({ asterisk_channel_id: channelId }).first('id', 'code')) as
        | StoredTicketRef
        | undefined);
    if (!stored) throw new Error(`ticket for channel ${channelId} vanished while being written`);
    const { id, code, trackingSecret } = stored;
    return trackingSecret === undefined ? { id, code } : { id, code, trackingSecret };
  }

  /**
   * Adds timeline steps to the channel's ticket, if it has one (and, `whileOpen`, only while it has
   * no outcome); a step already stored stays as it is.
   */
  async addSteps(channelId: string, events: CallTicketWrite['events'], whileOpen = false): Promise<void> {
    if (events.length === 0) return;
    await this.knex.raw(ADD_STEPS, [
      JSON.stringify(events.map(({ seq, at, kind, data }) => ({ seq, at, kind, data }))),
      channelId,
      whileOpen,
    ]);
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

  /**
   * Takes the year's next code and inserts the ticket under it, with the hash of a new tracking
   * secret (issue 13: every ticket, calls included, can be followed on the citizen site). Two
   * statements, so a write of the same channel racing this one between them (or a failed insert)
   * leaves a gap in the year's codes, never a duplicate.
   */
  private async insertWithNextCode(
    snapshot: CallTicketSnapshot,
    codeYear: number,
  ): Promise<StoredTicketRef | undefined> {
    const taken = await this.knex.raw(TAKE_NEXT_CODE_VALUE, [codeYear, snapshot.channelId]);
    const counter = taken.rows[0] as { last_value: string | number } | undefined;
    if (!counter) return undefined;
    const code = formatTicketCode(codeYear, Number(counter.last_value));
    const trackingSecret = newTrackingSecret();
    const [row] = await this.knex('tickets')
      .insert({
        ...columnsOf(snapshot),
        channel: 'phone' satisfies TicketChannel,
        asterisk_channel_id: snapshot.channelId,
        code,
        tracking_secret_hash: trackingSecretHash(code, trackingSecret),
      })
      .onConflict('asterisk_channel_id')
      .ignore()
      .returning(['id', 'code']);
    return row && { id: row.id, code: row.code, trackingSecret };
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
