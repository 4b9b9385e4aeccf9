import type { Knex } from 'knex';
import type { CallOutcome } from './call-ticket';
import type { CallTicketsRepository } from './call-tickets.repo';
import { callbackDueAt } from './call-verdict';
import { FINAL_IVR_VERSION, finalSnapshot } from './final-ticket';
import type { TimelineKind } from './timeline.vocabulary';

/** Timeline steps added after a restart sort after every step the call itself wrote. */
const RESTART_SEQ_BASE = 1_000_000;

/** A citizen's call the service lost track of (it restarted) and took charge of again. */
export interface InterruptedCall {
  channelId: string;
  callerNumber: string | null;
  receivedAt: Date;
  endedAt: Date;
  /** The outcome when nobody had answered; an answered call stays answered. */
  outcomeIfUnanswered: Extract<CallOutcome, 'failed' | 'abandoned'>;
  endedBy: 'caller' | 'official' | 'system';
  steps: Array<{ kind: TimelineKind; data: Record<string, unknown> }>;
}

/**
 * Closes the tickets of calls interrupted by a restart: the outcome follows from what the ticket
 * already says (answered or not), the restart goes on the timeline. Idempotent: a ticket that has
 * an outcome is left as it is, and a step already stored is not added again.
 */
export class InterruptedCallsRepository {
  constructor(
    private readonly knex: Knex,
    private readonly tickets: CallTicketsRepository,
    private readonly codeYear: (at: Date) => number,
  ) {}

  async close(call: InterruptedCall): Promise<void> {
    const dueAt = callbackDueAt(call.endedAt);
    const steps = call.steps.map((step, index) => ({
      seq: RESTART_SEQ_BASE + index,
      at: call.endedAt,
      kind: step.kind,
      data: step.data,
    }));
    // The steps before the outcome: whoever reads the closed ticket finds why it closed.
    await this.tickets.addSteps(call.channelId, steps, true);
    const result = await this.knex.raw(
      `update tickets set
         outcome = case when answered_at is not null then 'answered' else ? end,
         ended_at = ?::timestamptz,
         ended_by = ?,
         talk_seconds = case when answered_at is not null
           then greatest(0, round(extract(epoch from (?::timestamptz - answered_at))))::int else talk_seconds end,
         wait_seconds = case when answered_at is null
           then greatest(0, round(extract(epoch from (?::timestamptz - received_at))))::int else wait_seconds end,
         needs_callback = needs_callback or answered_at is null,
         due_at = case when answered_at is null then coalesce(due_at, ?::timestamptz) else due_at end,
         ivr_version = ?,
         updated_at = now()
       where asterisk_channel_id = ? and outcome is null
       returning id`,
      [
        call.outcomeIfUnanswered,
        call.endedAt,
        call.endedBy,
        call.endedAt,
        call.endedAt,
        dueAt,
        FINAL_IVR_VERSION,
        call.channelId,
      ],
    );
    if (result.rows.length > 0) return;
    if (await this.insertIfMissing(call, dueAt)) await this.tickets.addSteps(call.channelId, steps);
  }

  /**
   * Closes the tickets still open (no outcome) of calls that were on before `openBefore` and whose
   * channel Asterisk no longer holds: their instance died, and they ended while nobody listened.
   * Each ends when it was last written, with the restart on its timeline. Returns how many.
   */
  async closeVanished(openBefore: Date, stillHere: ReadonlySet<string>): Promise<number> {
    const open = (await this.knex('tickets')
      .whereNull('outcome')
      .where('channel', 'phone')
      .whereNotNull('asterisk_channel_id')
      .where('received_at', '<', openBefore)
      .select('asterisk_channel_id', 'caller_number', 'received_at', 'updated_at')) as Array<{
      asterisk_channel_id: string;
      caller_number: string | null;
      received_at: Date;
      updated_at: Date;
    }>;
    const vanished = open.filter((row) => !stillHere.has(row.asterisk_channel_id));
    for (const row of vanished) {
      await this.close({
        channelId: row.asterisk_channel_id,
        callerNumber: row.caller_number,
        receivedAt: row.received_at,
        endedAt: row.updated_at,
        outcomeIfUnanswered: 'abandoned',
        endedBy: 'caller',
        steps: [{ kind: 'service.restarted', data: { found: 'channel-gone' } }],
      });
    }
    return vanished.length;
  }

  /** The call's ticket never reached the database (its writes died with the instance): one is made. Whether it was. */
  private async insertIfMissing(call: InterruptedCall, dueAt: Date): Promise<boolean> {
    const existing = await this.knex('tickets').where({ asterisk_channel_id: call.channelId }).first('id');
    if (existing) return false;
    await this.tickets.write(
      {
        snapshot: finalSnapshot({
          channelId: call.channelId,
          callerNumber: call.callerNumber,
          receivedAt: call.receivedAt,
          endedAt: call.endedAt,
          outcome: call.outcomeIfUnanswered,
          endedBy: call.endedBy,
          waitSeconds: Math.max(0, Math.round((call.endedAt.getTime() - call.receivedAt.getTime()) / 1000)),
          needsCallback: true,
          dueAt,
        }),
        events: [{ seq: 1, at: call.receivedAt, kind: 'call.received', data: { at: call.receivedAt } }],
      },
      this.codeYear(call.receivedAt),
    );
    return true;
  }
}
