export const CALL_OUTCOMES = [
  'answered',
  'voicemail',
  'missed',
  'abandoned',
  'invalid_input',
  'failed',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Where a call is (the live board), or where the caller was when an abandoned call ended. */
export const CALL_STAGES = ['greeting', 'menu', 'ringing', 'talking', 'voicemail', 'survey'] as const;
export type CallStage = (typeof CALL_STAGES)[number];

/**
 * Everything the IVR knows about one call, as a whole. The IVR writes it several times during the
 * call, each time with a higher version; the newest version wins wherever and whenever it lands.
 */
export interface CallTicketSnapshot {
  /** Asterisk channel id of the citizen's leg: the call's identity. */
  channelId: string;
  version: number;
  callerNumber: string | null;
  callerAnonymous: boolean;
  receivedAt: Date;
  unitId: number | null;
  dialedCode: string | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  answeredByContactId: number | null;
  answeredByName: string | null;
  outcome: CallOutcome | null;
  abandonedStage: CallStage | null;
  endedBy: 'caller' | 'official' | 'system' | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  recordingName: string | null;
  voicemailName: string | null;
  rating: 1 | 2 | 3 | null;
  needsCallback: boolean;
  dueAt: Date | null;
  /**
   * The caller chose the confidential complaint to the chairman (core/tickets/confidentiality.ts):
   * from then on the ticket is leader-only, and so confidential. Absent in writes made before the
   * key existed (an outbox replayed after an upgrade): read as false.
   */
  leaderOnly?: boolean;
}

/** A call's ticket before anything is known of it but its channel, caller and time (version 0). */
export function newCallSnapshot(call: {
  channelId: string;
  callerNumber: string | null;
  receivedAt: Date;
}): CallTicketSnapshot {
  return {
    channelId: call.channelId,
    version: 0,
    callerNumber: call.callerNumber,
    callerAnonymous: call.callerNumber === null,
    receivedAt: call.receivedAt,
    unitId: null,
    dialedCode: null,
    answeredAt: null,
    endedAt: null,
    answeredByContactId: null,
    answeredByName: null,
    outcome: null,
    abandonedStage: null,
    endedBy: null,
    waitSeconds: null,
    talkSeconds: null,
    recordingName: null,
    voicemailName: null,
    rating: null,
    needsCallback: false,
    dueAt: null,
    leaderOnly: false,
  };
}

/** One step of the call's timeline; `seq` orders it within the call and makes replays idempotent. */
export interface CallEvent {
  seq: number;
  at: Date;
  kind: string;
  data: Record<string, unknown>;
}

/** A write of the call's ticket: its newest snapshot and the timeline steps not yet written. */
export interface CallTicketWrite {
  snapshot: CallTicketSnapshot;
  events: CallEvent[];
}
