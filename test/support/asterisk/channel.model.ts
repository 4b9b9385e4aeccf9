import { asteriskTime, type CallerId, type ChannelJson, type ChannelState } from './ari.types';

export type ChannelOrigin = 'inbound' | 'created' | 'originated';

export interface HeardMedia {
  media: string;
  playbackId: string;
  via: 'channel' | 'bridge';
  status: 'playing' | 'finished' | 'stopped' | 'failed';
}

export interface ChannelInit {
  id: string;
  name: string;
  endpoint: string;
  origin: ChannelOrigin;
  state: ChannelState;
  caller: CallerId;
  exten: string;
  context: string;
  appData?: string;
}

export class Channel {
  readonly id: string;
  readonly name: string;
  readonly endpoint: string;
  readonly origin: ChannelOrigin;
  readonly creationtime = asteriskTime();
  state: ChannelState;
  caller: CallerId;
  connected: CallerId = { name: '', number: '' };
  readonly dialplan: ChannelJson['dialplan'];
  /** Stasis application the channel is in, if any. */
  app: string | undefined;
  /** Applications that receive this channel's events (survives StasisEnd for legs the app created). */
  readonly subscribers = new Set<string>();
  bridgeId: string | undefined;
  readonly vars = new Map<string, string>();
  readonly heard: HeardMedia[] = [];
  isAlive = true;
  isRinging = false;
  isOnHold = false;
  isTalking = true;
  stasisFailed = false;
  continuedInDialplan = false;
  /** Where POST /continue sent the channel in the dialplan. */
  continuedTo: { context: string; extension: string; priority: number } | undefined;
  destroyCause: number | undefined;
  /** performance.now() when the channel first went Up, and when it first entered a bridge. */
  answeredAtMs: number | undefined;
  bridgedAtMs: number | undefined;
  readonly timers = new Set<NodeJS.Timeout>();

  constructor(init: ChannelInit) {
    this.id = init.id;
    this.name = init.name;
    this.endpoint = init.endpoint;
    this.origin = init.origin;
    this.state = init.state;
    this.caller = init.caller;
    this.dialplan = {
      context: init.context,
      exten: init.exten,
      priority: 1,
      app_name: init.appData ? 'Stasis' : '',
      app_data: init.appData ?? '',
    };
  }

  json(): ChannelJson {
    return {
      id: this.id,
      name: this.name,
      state: this.state,
      protocol_id: '',
      caller: { ...this.caller },
      connected: { ...this.connected },
      accountcode: '',
      dialplan: { ...this.dialplan },
      creationtime: this.creationtime,
      language: 'en',
    };
  }

  clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

/** `PJSIP/ward1` → `PJSIP/ward1-0000000a`; `PJSIP/0900@trunk` → `PJSIP/trunk-0000000a` (as chan_pjsip names them). */
export function channelName(endpoint: string, suffix: string): string {
  const [tech = 'PJSIP', resource = ''] = endpoint.split('/', 2);
  const at = resource.indexOf('@');
  const device = at >= 0 ? resource.slice(at + 1) : resource;
  return `${tech}/${device}-${suffix}`;
}
