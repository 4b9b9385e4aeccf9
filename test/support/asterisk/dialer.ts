import { AriError } from './ari.types';
import type { EndpointBehaviour } from './behaviours';
import type { Channel } from './channel.model';
import type { HangupSource, Pbx } from './pbx';

export type DialResult = 'RINGING' | 'ANSWER' | 'BUSY' | 'NOANSWER' | 'CHANUNAVAIL' | 'CANCEL' | 'CONGESTION';

export interface DialRecord {
  endpoint: string;
  channelId: string;
  at: Date;
  result: DialResult;
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
  caller: Channel | undefined;
  /** Set for a plain originate: the channel only enters Stasis once answered. */
  stasisOnAnswer?: { app: string; args: string[] };
}

/** Outbound legs: POST /channels/create, /dial and originate, driven by per-endpoint behaviours. */
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
    this.start(channel, undefined, timeoutS, { app: params.app, args: params.appArgs });
    return channel;
  }

  dial(channel: Channel, caller: Channel | undefined, timeoutS: number): void {
    if (channel.origin !== 'created' || this.active.has(channel.id) || channel.state !== 'Down') {
      throw new AriError(409, 'Channel is not in the Down state');
    }
    this.start(channel, caller, timeoutS);
  }

  onHangup(channel: Channel, source: HangupSource): void {
    const dial = this.active.get(channel.id);
    if (!dial) return;
    this.active.delete(channel.id);
    if (source !== 'dial-failed') this.report(channel, dial, 'CANCEL');
  }

  private allocate(params: CreateParams, origin: 'created' | 'originated'): Channel {
    if (!/^[^/]+\/.+/.test(params.endpoint)) throw new AriError(400, 'Invalid endpoint specified');
    if (this.behaviourOf(params.endpoint).kind === 'unregistered')
      throw new AriError(500, 'Allocation failed');
    if (params.originator) this.pbx.find(params.originator);
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
    timeoutS: number,
    stasis?: ActiveDial['stasisOnAnswer'],
  ) {
    const record: DialRecord = {
      endpoint: channel.endpoint,
      channelId: channel.id,
      at: new Date(),
      result: 'RINGING',
    };
    const dial: ActiveDial = { record, caller, ...(stasis && { stasisOnAnswer: stasis }) };
    this.records.push(record);
    this.active.set(channel.id, dial);
    if (caller) channel.connected = { ...caller.caller };
    this.dialEvent(channel, dial, '');
    const behaviour = this.behaviourOf(channel.endpoint);
    const ringing = () => {
      channel.isRinging = true;
      this.pbx.setState(channel, 'Ringing');
      this.dialEvent(channel, dial, 'RINGING');
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
    // ARI's dial timeout: 0 means Asterisk's default of 30 s, -1 means none.
    const timeoutMs = timeoutS === -1 ? undefined : this.pbx.seconds(timeoutS > 0 ? timeoutS : 30);
    if (timeoutMs !== undefined) {
      this.pbx.timer(channel, timeoutMs, () => {
        if (this.active.get(channel.id) === dial) this.fail(channel, dial, 'NOANSWER', 19);
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
    this.report(channel, dial, 'ANSWER');
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

  private fail(channel: Channel, dial: ActiveDial, status: DialResult, cause: number): void {
    this.active.delete(channel.id);
    this.report(channel, dial, status);
    this.pbx.hangup(channel, cause, 'dial-failed');
  }

  private report(channel: Channel, dial: ActiveDial, status: DialResult): void {
    dial.record.result = status;
    this.dialEvent(channel, dial, status);
  }

  private dialEvent(channel: Channel, dial: ActiveDial, dialstatus: string): void {
    const at = channel.endpoint.indexOf('/');
    const apps = new Set([...channel.subscribers, ...(dial.caller?.subscribers ?? [])]);
    this.pbx.publish(
      {
        type: 'Dial',
        ...(dial.caller && { caller: dial.caller.json() }),
        peer: channel.json(),
        dialstring: channel.endpoint.slice(at + 1),
        dialstatus,
      },
      apps,
    );
  }
}

/** `"Name" <0900>` or a bare number, as ast_callerid_parse accepts. */
function parseCallerId(callerId: string | undefined): [string, string] {
  if (!callerId) return ['', ''];
  const match = /^\s*"?([^"<]*)"?\s*<([^>]*)>\s*$/.exec(callerId);
  return match ? [match[1]?.trim() ?? '', match[2] ?? ''] : ['', callerId.trim()];
}
