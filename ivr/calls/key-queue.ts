import type { EventInbox } from './event-inbox';

/**
 * Keys pressed on each channel of a call, in order, until a step takes them. Callers type ahead
 * and press fast; a key that lands between two waits (while a playback is being stopped, say)
 * must still count.
 */
export class KeyQueue {
  private readonly pending = new Map<string, string[]>();

  constructor(inbox: EventInbox) {
    inbox.listen((event) => {
      if (event.type !== 'ChannelDtmfReceived') return;
      const keys = this.pending.get(event.channelId) ?? [];
      keys.push(event.digit);
      this.pending.set(event.channelId, keys);
    });
  }

  take(channelId: string): string | null {
    return this.pending.get(channelId)?.shift() ?? null;
  }

  /** Forgets keys typed before a new question (a stray key must not answer the survey). */
  clear(channelId: string): void {
    this.pending.delete(channelId);
  }
}
