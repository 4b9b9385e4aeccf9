import type { EndpointBehaviour, Leftovers } from '../../test/support/asterisk';

/** Who answers the calls: the real IVR, or the bare ARI script that only answers and originates. */
export type LoadKind = 'ivr' | 'bare';

/** One load run, driven from inside the emulator's process. Durations in real milliseconds. */
export interface LoadPlan {
  kind: LoadKind;
  /** Stasis app the calls are sent to. */
  app: string;
  callsPerSecond: number;
  /** Concurrent calls the ramp must reach before the sustained phase starts. */
  targetHeld: number;
  /** The ramp gives up after this long; the sustained phase then starts anyway (and "held" fails). */
  rampLimitMs: number;
  sustainMs: number;
  /** Codes callers press (each routes at once), one after the other. */
  codes: string[];
  /** What each official's endpoint does when rung. */
  phones: Array<{ endpoint: string; behaviour: EndpointBehaviour }>;
  /** Pause between the end of the menu (IVR) or the answer (bare) and the first key. */
  thinkMs: number;
  digitGapMs: number;
  /** An answering official's phone answers this long after it starts ringing. */
  answerAfterMs: number;
  /** The official hangs up this long after answering. */
  talkMs: number;
  /** The caller listens to the start of the survey for this long, then hangs up without rating. */
  surveyListenMs: number;
  /** A call that has not reached its end this long after it was placed has failed. */
  callDeadlineMs: number;
}

/** One official's leg the app created for a call, as the emulator ended it. */
export interface LegRecord {
  endpoint: string;
  /** Hangup cause the emulator sent (17 busy, 21 rejected, 20 unavailable, 16 normal...). */
  cause?: number;
  isAnswered: boolean;
  /** The leg's answer → its entry into the bridge (the emulator's answeredAtMs and bridgedAtMs). */
  answerToBridgeMs?: number;
}

/** What happened to one call, as the emulator saw it; times from performance.now() in the emulator. */
export interface CallRecord {
  channelId: string;
  code: string;
  placedAtMs: number;
  isOk: boolean;
  failure?: string;
  /** Caller's last DTMF event sent → POST /channels/create received. */
  digitToCreateMs?: number;
  /** Caller's last DTMF event sent → the first request about this call received. */
  digitToFirstRequestMs?: number;
  /** Part of digitToCreateMs spent in the emulator playing the transfer announcement. */
  announcementMs?: number;
  /** From the last digit to the create: each request about the call and the announcement's end, in ms. */
  steps?: Array<{ what: string; atMs: number }>;
  /** Call placed → POST /channels/{id}/answer received. */
  placedToAnswerMs?: number;
  /** The officials' legs created for the call, in the order of their create requests. */
  legs: LegRecord[];
}

export interface LoadResult {
  calls: CallRecord[];
  /** Live calls: the lowest during the sustained phase, and the peak. */
  heldDuringSustain: number;
  heldPeak: number;
  rampMs: number;
  sustainMs: number;
  /** Calls placed during the sustained phase, per second. */
  placedPerSecond: number;
  emulatorLoopLagP99Ms: number;
  leftovers: Leftovers;
}
