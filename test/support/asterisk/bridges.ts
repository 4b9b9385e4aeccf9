import { AriError, asteriskTime, newUuid } from './ari.types';
import type { Channel } from './channel.model';
import type { Pbx } from './pbx';

export class Bridge {
  readonly channels: string[] = [];
  /** Apps whose channels were added: they get the bridge's events, BridgeDestroyed included. */
  readonly subscribers = new Set<string>();
  readonly creationtime = asteriskTime();
  isPlayingMoh = false;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly types: string,
  ) {}

  json(): object {
    return {
      id: this.id,
      technology: 'simple_bridge',
      bridge_type: this.types.includes('holding') ? 'holding' : 'mixing',
      bridge_class: 'stasis',
      creator: 'Stasis',
      name: this.name,
      channels: [...this.channels],
      creationtime: this.creationtime,
      video_mode: 'talker',
    };
  }
}

/** Stasis mixing bridges: they live until DELETE, even when empty. */
export class Bridges {
  readonly byId = new Map<string, Bridge>();

  constructor(private readonly pbx: Pbx) {}

  create(type: string | undefined, name: string | undefined, bridgeId: string | undefined): Bridge {
    const id = bridgeId || newUuid();
    const existing = this.byId.get(id);
    if (existing) return existing;
    const bridge = new Bridge(id, name ?? '', type || 'mixing');
    this.byId.set(id, bridge);
    this.pbx.changed();
    return bridge;
  }

  get(id: string): Bridge {
    const bridge = this.byId.get(id);
    if (!bridge) throw new AriError(404, 'Bridge not found');
    return bridge;
  }

  /** resource_bridges.c: unknown channel → 400, channel outside Stasis → 422. */
  resolveChannels(ids: string[]): Channel[] {
    if (ids.length === 0) throw new AriError(400, 'Missing parameter channel');
    return ids.map((id) => {
      const channel = this.pbx.channels.get(id);
      if (!channel) throw new AriError(400, 'Channel not found');
      if (!channel.app) throw new AriError(422, 'Channel not in Stasis application');
      return channel;
    });
  }

  /**
   * POST /bridges/{id}/addChannel: each add is a command on the channel's control queue, run one
   * channel after the other and answered once all have run (res/stasis/control.c,
   * app_send_command_on_condition, then command_join). A playback in progress on the channel holds
   * its add until the playback ends or is stopped (seen on Asterisk 22.10.1). A channel, or the
   * bridge, gone in the meantime is skipped: the failed command is still answered 204
   * (resource_bridges.c's check_add_remove_channel). `answer` is called in the same turn as the
   * last add, before anyone told of the add can act on it, as Asterisk answers once the command ran.
   */
  async addInTurn(bridge: Bridge, channels: Channel[], answer: () => void): Promise<void> {
    for (const channel of channels) {
      await this.pbx.playbacks.whenIdle(`channel:${channel.id}`);
      const isStillThere =
        this.byId.get(bridge.id) === bridge && this.pbx.channels.get(channel.id) === channel;
      if (isStillThere && channel.app) this.add(bridge, channel);
    }
    answer();
  }

  add(bridge: Bridge, channel: Channel): void {
    if (channel.bridgeId === bridge.id) return;
    if (channel.bridgeId) this.leave(channel);
    channel.bridgeId = bridge.id;
    channel.bridgedAtMs ??= performance.now();
    channel.isRinging = false;
    bridge.channels.push(channel.id);
    for (const app of channel.subscribers) bridge.subscribers.add(app);
    this.publishEnteredOrLeft(bridge, channel, 'ChannelEnteredBridge');
    this.announcePeers(bridge);
  }

  remove(bridge: Bridge, channel: Channel): void {
    if (channel.bridgeId !== bridge.id) throw new AriError(422, 'Channel not in this bridge');
    this.leave(channel);
  }

  leave(channel: Channel): void {
    const bridge = channel.bridgeId ? this.byId.get(channel.bridgeId) : undefined;
    channel.bridgeId = undefined;
    if (!bridge) return;
    bridge.channels.splice(bridge.channels.indexOf(channel.id), 1);
    this.publishEnteredOrLeft(bridge, channel, 'ChannelLeftBridge');
  }

  destroy(bridge: Bridge): void {
    for (const channelId of [...bridge.channels]) {
      const channel = this.pbx.channels.get(channelId);
      if (channel) this.leave(channel);
    }
    this.pbx.playbacks.onTargetGone(`bridge:${bridge.id}`);
    this.pbx.recordings.onTargetGone(`bridge:${bridge.id}`);
    this.byId.delete(bridge.id);
    this.pbx.publish({ type: 'BridgeDestroyed', bridge: bridge.json() }, bridge.subscribers);
  }

  /** Apps interested in a bridge: its subscribers and those of the channels in it. */
  subscribersOf(bridgeId: string): Set<string> {
    const bridge = this.byId.get(bridgeId);
    const apps = new Set(bridge?.subscribers ?? []);
    for (const channelId of bridge?.channels ?? []) {
      for (const app of this.pbx.channels.get(channelId)?.subscribers ?? []) apps.add(app);
    }
    return apps;
  }

  /** Asterisk sets BRIDGEPEER on bridged channels: ChannelVarset noise apps must tolerate. */
  private announcePeers(bridge: Bridge): void {
    if (bridge.channels.length < 2) return;
    const channels = bridge.channels.flatMap((id) => this.pbx.channels.get(id) ?? []);
    for (const channel of channels) {
      const peers = channels.filter((other) => other !== channel).map((other) => other.name);
      this.pbx.setVariable(channel, 'BRIDGEPEER', peers.join(','));
    }
  }

  private publishEnteredOrLeft(bridge: Bridge, channel: Channel, type: string): void {
    const apps = new Set([...this.subscribersOf(bridge.id), ...channel.subscribers]);
    this.pbx.publish({ type, bridge: bridge.json(), channel: channel.json() }, apps);
  }
}
