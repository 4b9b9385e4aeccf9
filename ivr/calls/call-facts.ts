import {
  type CallEvent,
  type CallStage,
  type CallTicketSnapshot,
  type CallTicketWrite,
  newCallSnapshot,
} from '../../core/tickets/call-ticket';
import {
  callVerdict,
  type EndReason,
  isUsableVoicemail,
  ratingNeedsCallback,
} from '../../core/tickets/call-verdict';
import type { TargetResult, TimelineKind } from '../../core/tickets/timeline.vocabulary';

export type { TargetResult } from '../../core/tickets/timeline.vocabulary';

/**
 * What a call tells its ticket, gathered as the call goes. Pure bookkeeping: the session reports
 * facts, this keeps the timeline; what they mean (outcome, callback) is core's `callVerdict`.
 * `nextWrite` hands out versioned snapshots.
 */
export class CallFacts {
  private readonly snapshot: CallTicketSnapshot;
  private readonly events: CallEvent[] = [];
  private written = 0;
  private stage: CallStage = 'greeting';
  private invalidEntries = 0;
  private voicemailStartedAt: Date | undefined;
  private voicemailSeconds: number | undefined;
  private anyTargetTried = false;
  private noticeHeard = false;

  private readonly onStage: ((stage: CallStage) => void) | undefined;

  constructor(init: {
    channelId: string;
    callerNumber: string | null;
    receivedAt: Date;
    /** Told of every stage change (the live board). */
    onStage?: (stage: CallStage) => void;
  }) {
    this.onStage = init.onStage;
    this.snapshot = newCallSnapshot(init);
    this.note('call.received', { at: init.receivedAt }, init.receivedAt);
  }

  get currentStage(): CallStage {
    return this.stage;
  }

  /** Whether the caller heard the recording notice to its end: only then is the call recorded. */
  get heardRecordingNotice(): boolean {
    return this.noticeHeard;
  }

  recordingNoticeHeard(): void {
    this.noticeHeard = true;
    this.note('recording-notice.heard');
  }

  note(kind: TimelineKind, data: Record<string, unknown> = {}, at = new Date()): void {
    this.events.push({ seq: this.events.length + 1, at, kind, data });
  }

  enterStage(stage: CallStage): void {
    this.stage = stage;
    this.note('stage', { stage });
    this.onStage?.(stage);
  }

  get receivedAt(): Date {
    return this.snapshot.receivedAt;
  }

  get callerNumber(): string | null {
    return this.snapshot.callerNumber;
  }

  invalidEntry(digits: string, reason: 'unknown-code' | 'no-input'): void {
    if (reason === 'unknown-code') this.invalidEntries += 1;
    this.note('menu.invalid', { digits, reason });
  }

  unitChosen(unit: { id: number; code: string; name: string }, how: 'menu' | 'direct' | 'operator'): void {
    this.snapshot.unitId = unit.id;
    this.snapshot.dialedCode = unit.code;
    this.note('unit.chosen', { code: unit.code, name: unit.name, how });
  }

  /** The caller chose the confidential complaint to the chairman: the ticket is leader-only from now on. */
  complaintChosen(code: string): void {
    this.snapshot.leaderOnly = true;
    this.note('complaint.chosen', { code });
  }

  /** Whether the ticket is a confidential complaint to the chairman (unit staff never see it, live or after). */
  get isLeaderOnly(): boolean {
    return this.snapshot.leaderOnly === true;
  }

  targetTried(target: Record<string, unknown>, result: TargetResult): void {
    this.anyTargetTried = true;
    this.note('target.result', { ...target, result });
  }

  answered(by: { contactId: number; name: string }, at = new Date()): void {
    this.snapshot.answeredAt = at;
    this.snapshot.answeredByContactId = by.contactId;
    this.snapshot.answeredByName = by.name;
    this.snapshot.waitSeconds = Math.round((at.getTime() - this.snapshot.receivedAt.getTime()) / 1000);
    this.note('call.answered', { contactId: by.contactId, name: by.name }, at);
  }

  recording(name: string): void {
    this.snapshot.recordingName = name;
    this.note('recording.started', { name });
  }

  voicemailStarted(name: string, at = new Date()): void {
    this.voicemailStartedAt = at;
    this.snapshot.voicemailName = name;
    this.note('voicemail.started', { name }, at);
  }

  voicemailFinished(durationSeconds: number | undefined): void {
    this.voicemailSeconds = durationSeconds;
    this.note('voicemail.finished', { durationSeconds });
  }

  rated(rating: 1 | 2 | 3): void {
    this.snapshot.rating = rating;
    if (ratingNeedsCallback(rating)) this.snapshot.needsCallback = true;
    this.note('survey.rated', { rating });
  }

  /** Closes the call: who ended it, how long it talked, and the outcome that follows from the facts. */
  ended(reason: EndReason, endedBy: 'caller' | 'official' | 'system', at = new Date()): void {
    const s = this.snapshot;
    s.endedAt = at;
    s.endedBy = endedBy;
    if (s.answeredAt)
      s.talkSeconds = Math.round((this.talkEndedAt(at).getTime() - s.answeredAt.getTime()) / 1000);
    else s.waitSeconds = Math.round((at.getTime() - s.receivedAt.getTime()) / 1000);
    const usableVoicemail = s.voicemailName !== null && this.hasUsableVoicemail(at);
    const verdict = callVerdict({
      reason,
      stage: this.stage,
      answered: s.answeredAt !== null,
      usableVoicemail,
      anyTargetTried: this.anyTargetTried,
      invalidEntries: this.invalidEntries,
      rating: s.rating,
      endedAt: at,
    });
    const outcome = verdict.outcome;
    s.outcome = outcome;
    s.abandonedStage = verdict.abandonedStage;
    s.needsCallback = verdict.needsCallback;
    s.dueAt = verdict.dueAt;
    if (outcome !== 'voicemail' && s.voicemailName !== null && !usableVoicemail) s.voicemailName = null;
    this.note('call.ended', { outcome, endedBy, stage: this.stage, reason }, at);
  }

  private talkEnd: Date | undefined;

  /** The conversation ended (the survey that may follow is not talk time). */
  talkEnded(at = new Date()): void {
    this.talkEnd = at;
  }

  private talkEndedAt(fallback: Date): Date {
    return this.talkEnd ?? fallback;
  }

  /**
   * Whether the caller left a message worth a person's time: by the length Asterisk reported for
   * the recording, or, when the caller hung up before it reported, by the time spent recording.
   */
  hasUsableVoicemail(at = new Date()): boolean {
    if (this.voicemailStartedAt === undefined) return false;
    const seconds = this.voicemailSeconds ?? (at.getTime() - this.voicemailStartedAt.getTime()) / 1000;
    return isUsableVoicemail(seconds);
  }

  /** The newest snapshot (version bumped) and the timeline steps since the previous write. */
  nextWrite(): CallTicketWrite {
    this.snapshot.version += 1;
    const events = this.events.slice(this.written);
    this.written = this.events.length;
    return { snapshot: { ...this.snapshot }, events };
  }
}
