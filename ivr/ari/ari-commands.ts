import { checkedRecordingName } from '../../core/domain/recording-name';
import {
  type AppBridge,
  type AppChannel,
  type DialplanLocation,
  type NewLeg,
  type RecordOptions,
  type TelephonyCommands,
  TelephonyError,
} from '../calls/telephony.port';
import { type AriHttp, AriHttpError, type AriQuery, ariPath } from './ari-http';

/** An ARI error as the call flow sees it: "gone" when the channel, bridge or playback does not exist. */
function toTelephonyError(operation: string, error: unknown): TelephonyError {
  if (!(error instanceof AriHttpError))
    return new TelephonyError(operation, error instanceof Error ? error.message : String(error), false, {
      cause: error,
    });
  // 404 for a channel, bridge or playback that is gone; addChannel says "Channel not found" with a 400.
  const isGone = error.status === 404 || (error.status !== undefined && /not found/i.test(error.reason));
  return new TelephonyError(operation, error.message, isGone, { cause: error });
}

/**
 * Half of Asterisk's default HTTP session limit (100): room for the event websocket, a standby's,
 * the recordings the admin app streams, and an operator's own tools.
 */
export const ARI_REQUESTS_IN_FLIGHT = 50;

/** How the ids of the bridges the call flow makes start (`bridge-<uuid>`). */
const BRIDGE_ID_PREFIX = 'bridge-';

interface RawChannel {
  id: string;
  state: string;
  caller?: { number?: string };
  creationtime?: string;
}

/** TelephonyCommands as ARI REST requests (ari-http.ts). */
export class AriCommands implements TelephonyCommands {
  constructor(
    /** The REST client while the connection is up; undefined while it is not (commands fail at once). */
    private readonly rest: () => AriHttp | undefined,
    private readonly app: string,
  ) {}

  private async call<T = unknown>(
    operation: string,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    query?: AriQuery,
  ): Promise<T> {
    const rest = this.rest();
    if (!rest) throw new TelephonyError(operation, 'not connected to Asterisk', false);
    try {
      return await rest.request<T>(method, path, query);
    } catch (error) {
      throw toTelephonyError(operation, error);
    }
  }

  async answer(channelId: string): Promise<void> {
    await this.call('answer', 'POST', ariPath`/channels/${channelId}/answer`);
  }

  async continueInDialplan(channelId: string, target: DialplanLocation): Promise<void> {
    await this.call('continueInDialplan', 'POST', ariPath`/channels/${channelId}/continue`, { ...target });
  }

  async hangup(
    channelId: string,
    reason: 'normal' | 'busy' | 'congestion' | 'no_answer' = 'normal',
  ): Promise<void> {
    await this.call('hangup', 'DELETE', ariPath`/channels/${channelId}`, { reason });
  }

  async playOnChannel(channelId: string, playbackId: string, media: string[]): Promise<void> {
    await this.call('play', 'POST', ariPath`/channels/${channelId}/play`, { media, playbackId });
  }

  async stopPlayback(playbackId: string): Promise<void> {
    await this.call('stopPlayback', 'DELETE', ariPath`/playbacks/${playbackId}`);
  }

  async startRinging(channelId: string): Promise<void> {
    await this.call('ring', 'POST', ariPath`/channels/${channelId}/ring`);
  }

  async stopRinging(channelId: string): Promise<void> {
    await this.call('ringStop', 'DELETE', ariPath`/channels/${channelId}/ring`);
  }

  async createLeg(leg: NewLeg): Promise<void> {
    await this.call('create', 'POST', '/channels/create', {
      endpoint: leg.endpoint,
      app: this.app,
      appArgs: leg.appArgs,
      channelId: leg.channelId,
      originator: leg.originatorId,
    });
  }

  async dial(channelId: string, callerId: string | undefined, timeoutSeconds: number): Promise<void> {
    await this.call('dial', 'POST', ariPath`/channels/${channelId}/dial`, {
      caller: callerId,
      timeout: timeoutSeconds,
    });
  }

  async createBridge(bridgeId: string): Promise<void> {
    await this.call('createBridge', 'POST', '/bridges', { bridgeId, type: 'mixing' });
  }

  async addToBridge(bridgeId: string, channelIds: string[]): Promise<void> {
    await this.call('addChannel', 'POST', ariPath`/bridges/${bridgeId}/addChannel`, { channel: channelIds });
  }

  async destroyBridge(bridgeId: string): Promise<void> {
    await this.call('destroyBridge', 'DELETE', ariPath`/bridges/${bridgeId}`);
  }

  async recordChannel(channelId: string, options: RecordOptions): Promise<void> {
    checkedRecordingName(options.name);
    await this.call('recordChannel', 'POST', ariPath`/channels/${channelId}/record`, { ...options });
  }

  async recordBridge(bridgeId: string, options: RecordOptions): Promise<void> {
    checkedRecordingName(options.name);
    await this.call('recordBridge', 'POST', ariPath`/bridges/${bridgeId}/record`, { ...options });
  }

  async stopRecording(name: string): Promise<void> {
    await this.call('stopRecording', 'POST', ariPath`/recordings/live/${name}/stop`);
  }

  async isPlaying(playbackId: string): Promise<boolean> {
    try {
      await this.call('playbacks.get', 'GET', ariPath`/playbacks/${playbackId}`);
      return true;
    } catch (error) {
      if (error instanceof TelephonyError && error.isGone) return false;
      throw error;
    }
  }

  async channelStates(): Promise<Map<string, string>> {
    const channels = await this.call<RawChannel[]>('channels.list', 'GET', '/channels');
    return new Map(channels.map((channel) => [channel.id, channel.state]));
  }

  async appSnapshot(): Promise<{ channels: AppChannel[]; bridges: AppBridge[] }> {
    const [{ channelIds, bridgeIds }, channels, bridges] = await Promise.all([
      this.appResources(),
      this.call<RawChannel[]>('channels.list', 'GET', '/channels'),
      this.call<Array<{ id: string; channels?: string[] }>>('bridges.list', 'GET', '/bridges'),
    ]);
    const inApp = new Set(channelIds);
    const bridgesInApp = new Set(bridgeIds);
    return {
      channels: channels
        .filter((channel) => inApp.has(channel.id))
        .map((channel) => ({
          id: channel.id,
          state: channel.state,
          callerNumber: channel.caller?.number ?? '',
          createdAt: new Date(channel.creationtime ?? Date.now()),
        })),
      // A bridge made while a phone rang and never joined is in no app's bridge_ids: the service's
      // own bridges are known by their id.
      bridges: bridges
        .filter((bridge) => bridgesInApp.has(bridge.id) || bridge.id.startsWith(BRIDGE_ID_PREFIX))
        .map((bridge) => ({ id: bridge.id, channelIds: bridge.channels ?? [] })),
    };
  }

  async appResources(): Promise<{ channelIds: string[]; bridgeIds: string[] }> {
    const app = await this.call<{ channel_ids?: string[]; bridge_ids?: string[] }>(
      'applications.get',
      'GET',
      ariPath`/applications/${this.app}`,
    );
    return { channelIds: app.channel_ids ?? [], bridgeIds: app.bridge_ids ?? [] };
  }
}
