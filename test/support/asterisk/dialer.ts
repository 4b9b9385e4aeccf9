import { AriError } from './ari.types';
import type { EndpointBehaviour } from './behaviours';
import type { Channel } from './channel.model';
import type { HangupSource, Pbx } from './pbx';

export type DialResult = 'RINGING' | 'ANSWER' | 'BUSY' | 'NOANSWER' | 'CHANUNAVAIL' | 'CANCEL' | 'CONGESTION';

export interface DialRecord {
  endpoint: string;
  channelId: string;
  at: Date;
  /** For a failed dial, the status Asterisk derives from the hangup cause (ast_hangup_cause_to_dial_status). */
  result: DialResult;
  /** Hangup cause of a failed dial (17 busy, 19 no answer, 20 unavailable, 21 rejected). */
  cause?: number;
}

export interface CreateParams {
  endpoint: string;
  app: string;
  appArgs: string[];
  channelId?: string;
  originator?: string;
  callerId?: string;
}

interface ActiveDial {
  record: DialRecord;
  /** Set for a plain originate: the channel only enters Stasis once answered. */
  stasisOnAnswer?: { app: string; args: string[] };
}

/**
 * Outbound legs: POST /channels/create, /dial and originate, driven by per-endpoint behaviours.
 * A plain originate runs main/dial.c, whose Dial events carry every status. A leg dialed through
 * /dial sits in Stasis's dial bridge, which only relays the far end's progress (RINGING, ANSWER):
 * a failure is a hangup whose cause tells why (seen on Asterisk 22.10.1), a ring timeout a soft
 * hangup with cause 19 (res/stasis/control.c), and neither raises a Dial event.
 */
export class Dialer {
  readonly behaviours = new Map<string, EndpointBehaviour>();
  readonly records: DialRecord[] = [];
  private readonly active = new Map<string, ActiveDial>();

  constructor(private readonly pbx: Pbx) {}

  behaviourOf(endpoint: string): EndpointBehaviour {
    return this.behaviours.get(endpoint) ?? { kind: 'neverAnswers' };
  }

  /**
   * POST /channels/create: the app is subscribed at once, but the channel's own thread puts it
   * in Stasis only `createToStasisMs` later (0: before the HTTP response); until then every
   * command on it answers 409, as find_control does.
   */
  create(params: CreateParams): Channel {
    const channel = this.allocate(params, 'created');
    channel.subscribers.add(params.app);
    this.after(channel, this.pbx.options.createToStasisMs, () =>
      this.pbx.enterStasis(channel, params.app, params.appArgs),
    );
    return channel;
  }

  /** POST /channels with app: subscribed now, in Stasis only once answered. */
  originate(params: CreateParams, timeoutS: number): Channel {
    const channel = this.allocate(params, 'originated');
    channel.subscribers.add(params.app);
    // Originate's timeout: 0 means Asterisk's default of 30 s, -1 means none (resource_channels.c).
    const timeoutMs = timeoutS === -1 ? undefined : this.pbx.seconds(timeoutS > 0 ? timeoutS : 30);
    this.start(channel, undefined, timeoutMs, { app: params.app, args: params.appArgs });
    return channel;
  }

  dial(channel: Channel, caller: Channel | undefined, timeoutS: number): void {
    if (channel.origin !== 'created' || this.active.has(channel.id) || channel.state !== 'Down') {
      throw new AriError(409, "Channel is not in the 'Down' state");
    }
    // /dial sets a timeout only when one is given; -1 arrives as an unsigned int, so never trips.
    this.start(channel, caller, timeoutS > 0 ? this.pbx.seconds(timeoutS) : undefined);
  }

  onHangup(channel: Channel, source: HangupSource): void {
    const dial = this.active.get(channel.id);
    if (!dial) return;
    this.active.delete(channel.id);
    if (source === 'dial-failed') return;
    dial.record.result = 'CANCEL';
    if (dial.stasisOnAnswer) this.dialEvent(channel, 'CANCEL');
  }

  private allocate(params: CreateParams, origin: 'created' | 'originated'): Channel {
    if (!/^[^/]+\/.+/.test(params.endpoint)) throw new AriError(400, 'Invalid endpoint specified');
    if (this.behaviourOf(params.endpoint).kind === 'unregistered')
      throw new AriError(500, 'Allocation failed');
    // Originate refuses an originator that is gone; create goes on without it (res/ari/resource_channels.c).
    if (params.originator && origin === 'originated' && !this.pbx.channels.has(params.originator))
      throw new AriError(400, 'Provided originator channel was not found');
    const [name = '', number = ''] = parseCallerId(params.callerId);
    return this.pbx.newChannel({
      ...(params.channelId && { id: params.channelId }),
      endpoint: params.endpoint,
      origin,
      state: 'Down',
      caller: { name, number },
      context: 'default',
      exten: 's',
    });
  }

  private start(
    channel: Channel,
    caller: Channel | undefined,
    timeoutMs: number | undefined,
    stasis?: ActiveDial['stasisOnAnswer'],
  ) {
    const record: DialRecord = {
      endpoint: channel.endpoint,
      channelId: channel.id,
      at: new Date(),
      result: 'RINGING',
    };
    const dial: ActiveDial = { record, ...(stasis && { stasisOnAnswer: stasis }) };
    this.records.push(record);
    this.active.set(channel.id, dial);
    if (caller) channel.connected = { ...caller.caller };
    this.dialEvent(channel, '');
    const behaviour = this.behaviourOf(channel.endpoint);
    const ringing = () => {
      channel.isRinging = true;
      this.pbx.setState(channel, 'Ringing');
      this.dialEvent(channel, 'RINGING');
    };
    switch (behaviour.kind) {
      case 'unreachable':
      case 'unregistered':
        return this.fail(channel, dial, 'CHANUNAVAIL', 20);
      case 'busy':
        return this.after(channel, behaviour.afterMs, () => this.fail(channel, dial, 'BUSY', 17));
      case 'rejects':
        ringing();
        return this.after(channel, behaviour.afterMs, () => this.fail(channel, dial, 'CHANUNAVAIL', 21));
      case 'neverAnswers':
        ringing();
        break;
      case 'answers':
        ringing();
        this.after(channel, behaviour.afterMs, () => this.answer(channel, dial, behaviour));
        break;
    }
    if (timeoutMs !== undefined) {
      this.pbx.timer(channel, timeoutMs, () => {
        if (this.active.get(channel.id) === dial) this.timeOut(channel, dial);
      });
    }
  }

  /** Zero delays run inline so that events can precede the HTTP response, as on a real Asterisk. */
  private after(channel: Channel, delayMs: number, action: () => void): void {
    if (delayMs <= 0) action();
    else this.pbx.timer(channel, delayMs, action);
  }

  private answer(
    channel: Channel,
    dial: ActiveDial,
    behaviour: Extract<EndpointBehaviour, { kind: 'answers' }>,
  ) {
    this.active.delete(channel.id);
    channel.isRinging = false;
    this.pbx.setState(channel, 'Up');
    dial.record.result = 'ANSWER';
    this.dialEvent(channel, 'ANSWER');
    if (dial.stasisOnAnswer) this.pbx.enterStasis(channel, dial.stasisOnAnswer.app, dial.stasisOnAnswer.args);
    const press = behaviour.pressKeys;
    if (press) {
      [...press.keys].forEach((key, index) => {
        this.pbx.timer(channel, press.afterMs + index * (press.gapMs ?? 20), () =>
          this.pbx.pressKey(channel, key, 120),
        );
      });
    }
    if (behaviour.hangsUpAfterMs !== undefined) {
      this.pbx.timer(channel, behaviour.hangsUpAfterMs, () => this.pbx.hangup(channel, 16, 'remote'));
    }
  }

  /** `originateStatus` is what main/dial.c reports for an originate; a /dial leg only hangs up with `cause`. */
  private fail(channel: Channel, dial: ActiveDial, originateStatus: DialResult, cause: number): void {
    this.active.delete(channel.id);
    dial.record.cause = cause;
    if (dial.stasisOnAnswer) {
      dial.record.result = originateStatus;
      this.dialEvent(channel, originateStatus);
      this.pbx.hangup(channel, cause, 'dial-failed');
      return;
    }
    dial.record.result = dialStatusOfCause(cause);
    this.pbx.hangup(channel, cause, 'remote');
  }

  private timeOut(channel: Channel, dial: ActiveDial): void {
    if (dial.stasisOnAnswer) {
      this.fail(channel, dial, 'NOANSWER', 19);
      return;
    }
    this.active.delete(channel.id);
    dial.record.result = 'NOANSWER';
    dial.record.cause = 19;
    // control.c's hangup_channel: cause No Answer, then ast_softhangup(AST_SOFTHANGUP_EXPLICIT).
    this.pbx.hangup(channel, 19, 'ari');
  }

  /** ARI publishes Dial with no caller, for originate and /dial alike: `caller` of /dial only sets the connected line. */
  private dialEvent(channel: Channel, dialstatus: string): void {
    const at = channel.endpoint.indexOf('/');
    this.pbx.publish(
      { type: 'Dial', peer: channel.json(), dialstring: channel.endpoint.slice(at + 1), dialstatus },
      channel.subscribers,
    );
  }
}

/** main/dial.c's ast_hangup_cause_to_dial_status. */
function dialStatusOfCause(cause: number): DialResult {
  if (cause === 17) return 'BUSY';
  if (cause === 34) return 'CONGESTION';
  if (cause === 3 || cause === 20) return 'CHANUNAVAIL';
  return 'NOANSWER';
}

/** `"Name" <0900>` or a bare number, as ast_callerid_parse accepts. */
function parseCallerId(callerId: string | undefined): [string, string] {
  if (!callerId) return ['', ''];
  const match = /^\s*"?([^"<]*)"?\s*<([^>]*)>\s*$/.exec(callerId);
  return match ? [match[1]?.trim() ?? '', match[2] ?? ''] : ['', callerId.trim()];
}
