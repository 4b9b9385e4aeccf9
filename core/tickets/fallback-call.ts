/** A call Asterisk's dialplan fallback handled on its own (the service down, or a call handed back). */
export interface FallbackCall {
  /** The caller's channel uniqueid: its ticket's key, as for a call the IVR took. */
  channelId: string;
  receivedAt: Date;
  callerNumber: string | null;
  reason: 'no-app' | 'handed-over';
  /** The contact whose phone rang last, if any did. */
  contactId: number | null;
  /** Whether that contact took the call. */
  answered: boolean;
  talkSeconds: number;
  /** Null while the call is on (or when Asterisk stopped during it). */
  endedAt: Date | null;
}
