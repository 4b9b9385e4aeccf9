import type { Client } from 'ari-client';
import { withTimeout } from '../../core/async/with-timeout';
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
import type { RequestSlots } from './request-slots';

/**
 * ari-client turns Asterisk's error response into an Error whose message is the JSON body
 * ({"message": "Channel not found"}); the HTTP status is lost, so "gone" is read from the text.
 */
function toTelephonyError(operation: string, error: unknown): TelephonyError {
  const raw = error instanceof Error ? error.message : String(error);
  let message = raw;
  try {
    const parsed = JSON.parse(raw) as { message?: string };
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // Not JSON: a transport error, kept as it is.
  }
  return new TelephonyError(operation, message, /not found/i.test(message), { cause: error });
}

type ClientSource = () => Client | undefined;

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

/** TelephonyCommands over ari-client's generated REST operations. */
export class AriCommands implements TelephonyCommands {
  constructor(
    private readonly client: ClientSource,
    private readonly app: string,
    /**
     * A command Asterisk has not answered by then fails, so a call never waits forever on one
     * (under load Asterisk's queues back up; its HTTP answers can lag, or never come).
     */
    private readonly commandTimeoutMs = 10_000,
    /** Shared by every command of this connection; the time limit counts the wait for a slot too. */
    private readonly slots: RequestSlots,
  ) {}

  private async call(operation: string, run: (client: Client) => Promise<unknown>): Promise<unknown> {
    const client = this.client();
    if (!client) throw new TelephonyError(operation, 'not connected to Asterisk', false);
    const abandoned = new AbortController();
    try {
      return await withTimeout(
        this.slots.run(() => run(client), abandoned.signal),
        this.commandTimeoutMs,
        `ARI ${operation}`,
        () => abandoned.abort(new Error(`ARI ${operation} gave up waiting for a request slot`)),
      );
    } catch (error) {
      throw toTelephonyError(operation, error);
    }
  }

  async answer(channelId: string): Promise<void> {
    await this.call('answer', (c) => c.channels.answer({ channelId }));
  }

  async continueInDialplan(channelId: string, target: DialplanLocation): Promise<void> {
    await this.call('continueInDialplan', (c) => c.channels.continueInDialplan({ channelId, ...target }));
  }

  async hangup(
    channelId: string,
    reason: 'normal' | 'busy' | 'congestion' | 'no_answer' = 'normal',
  ): Promise<void> {
    await this.call('hangup', (c) => c.channels.hangup({ channelId, reason }));
  }

  async playOnChannel(channelId: string, playbackId: string, media: string[]): Promise<void> {
    await this.call('play', (c) =>
      c.channels.play({ channelId, playbackId, media: media.join(',') } as unknown as Parameters<
        Client['channels']['play']
      >[0]),
    );
  }

  async stopPlayback(playbackId: string): Promise<void> {
    await this.call('stopPlayback', (c) => c.playbacks.stop({ playbackId }));
  }

  async startRinging(channelId: string): Promise<void> {
    await this.call('ring', (c) => c.channels.ring({ channelId }));
  }

  async stopRinging(channelId: string): Promise<void> {
    await this.call('ringStop', (c) => c.channels.ringStop({ channelId }));
  }

  async createLeg(leg: NewLeg): Promise<void> {
    await this.call('create', (c) =>
      c.channels.create({
        endpoint: leg.endpoint,
        app: this.app,
        appArgs: leg.appArgs.join(','),
        channelId: leg.channelId,
        ...(leg.originatorId !== undefined && { originator: leg.originatorId }),
      }),
    );
  }

  async dial(channelId: string, callerId: string | undefined, timeoutSeconds: number): Promise<void> {
    await this.call('dial', (c) =>
      c.channels.dial({
        channelId,
        ...(callerId !== undefined && { caller: callerId }),
        timeout: timeoutSeconds,
      }),
    );
  }

  async createBridge(bridgeId: string): Promise<void> {
    await this.call('createBridge', (c) => c.bridges.create({ bridgeId, type: 'mixing' }));
  }

  async addToBridge(bridgeId: string, channelIds: string[]): Promise<void> {
    await this.call('addChannel', (c) => c.bridges.addChannel({ bridgeId, channel: channelIds }));
  }

  async destroyBridge(bridgeId: string): Promise<void> {
    await this.call('destroyBridge', (c) => c.bridges.destroy({ bridgeId }));
  }

  async recordChannel(channelId: string, options: RecordOptions): Promise<void> {
    checkedRecordingName(options.name);
    await this.call('recordChannel', (c) => c.channels.record({ channelId, ...options }));
  }

  async recordBridge(bridgeId: string, options: RecordOptions): Promise<void> {
    checkedRecordingName(options.name);
    await this.call('recordBridge', (c) => c.bridges.record({ bridgeId, ...options }));
  }

  async stopRecording(name: string): Promise<void> {
    await this.call('stopRecording', (c) => c.recordings.stop({ recordingName: name }));
  }

  async isPlaying(playbackId: string): Promise<boolean> {
    try {
      await this.call('playbacks.get', (c) => c.playbacks.get({ playbackId }));
      return true;
    } catch (error) {
      if (error instanceof TelephonyError && error.isGone) return false;
      throw error;
    }
  }

  async channelStates(): Promise<Map<string, string>> {
    const channels = (await this.call('channels.list', (c) => c.channels.list())) as Array<{
      id: string;
      state: string;
    }>;
    return new Map(channels.map((channel) => [channel.id, channel.state]));
  }

  async appSnapshot(): Promise<{ channels: AppChannel[]; bridges: AppBridge[] }> {
    const [{ channelIds, bridgeIds }, channels, bridges] = await Promise.all([
      this.appResources(),
      this.call('channels.list', (c) => c.channels.list()) as Promise<RawChannel[]>,
      this.call('bridges.list', (c) => c.bridges.list()) as Promise<
        Array<{ id: string; channels?: string[] }>
      >,
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
    const app = (await this.call('applications.get', (c) =>
      c.applications.get({ applicationName: this.app }),
    )) as { channel_ids?: string[]; bridge_ids?: string[] };
    return { channelIds: app.channel_ids ?? [], bridgeIds: app.bridge_ids ?? [] };
  }
}
