import { randomUUID } from 'node:crypto';

export type ChannelState = 'Down' | 'Rsrvd' | 'OffHook' | 'Dialing' | 'Ring' | 'Ringing' | 'Up' | 'Busy';

export interface CallerId {
  name: string;
  number: string;
}

export interface ChannelJson {
  id: string;
  name: string;
  state: ChannelState;
  protocol_id: string;
  caller: CallerId;
  connected: CallerId;
  accountcode: string;
  dialplan: { context: string; exten: string; priority: number; app_name: string; app_data: string };
  creationtime: string;
  language: string;
}

export interface AriEvent {
  type: string;
  [field: string]: unknown;
}

/** Rendered once by the HTTP layer as Asterisk does: status + `{"message": ...}`. */
export class AriError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Asterisk's timestamp format: `2024-05-01T10:00:00.123+0000`. */
export function asteriskTime(date = new Date()): string {
  return date.toISOString().replace('Z', '+0000');
}

export const newUuid = (): string => randomUUID();

/** Uniqueids look like `1795327195.2`: creation time in seconds, a process-wide sequence. */
export class ChannelIds {
  private sequence = 0;

  next(): { uniqueid: string; suffix: string } {
    const n = this.sequence++;
    return {
      uniqueid: `${Math.floor(Date.now() / 1000)}.${n}`,
      suffix: n.toString(16).padStart(8, '0'),
    };
  }
}

export const hangupCauses: Record<number, string> = {
  0: 'Unknown',
  1: 'Unallocated (unassigned) number',
  16: 'Normal Clearing',
  17: 'User busy',
  18: 'No user responding',
  19: 'User alerting, no answer',
  20: 'Subscriber absent',
  21: 'Call Rejected',
  26: 'Answered elsewhere',
  27: 'Destination out of order',
  28: 'Invalid number format (incomplete number)',
  31: 'Normal, unspecified',
  32: 'Circuit/channel congestion',
  34: 'Circuit/channel congestion',
  38: 'Network out of order',
  58: 'Bearer capability not available',
  127: 'Interworking, unspecified',
};

/** DELETE /channels/{id}?reason=... → Q.850 cause, as in resource_channels.c. */
export const hangupReasons: Record<string, number> = {
  normal: 16,
  busy: 17,
  congestion: 34,
  no_answer: 19,
  timeout: 18,
  rejected: 21,
  unallocated: 1,
  normal_unspecified: 31,
  number_incomplete: 28,
  codec_mismatch: 58,
  interworking: 127,
  failure: 38,
  answered_elsewhere: 26,
};
