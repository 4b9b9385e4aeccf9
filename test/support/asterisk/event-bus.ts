import type { WebSocket } from 'ws';
import type { AriEvent } from './ari.types';
import { asteriskTime } from './ari.types';

interface Subscription {
  socket: WebSocket;
  subscribeAll: boolean;
}

/** An event websocket that connected, and how it ended: 1000/1001 for a close handshake, 1006 when it just dropped. */
export interface EventSocketRecord {
  apps: string[];
  closeCode?: number;
}

/** An app's event websocket that ended, with its close code. */
export interface ClosedSocket {
  app: string;
  code: number;
}

/**
 * The /ari/events websockets, one per application. A newer connection for an app takes every
 * later call; the older one stays open and hears nothing more, and on Asterisk 22.10.1 is not
 * even sent ApplicationReplaced (`sendsApplicationReplaced` restores older versions' notice).
 * When the serving socket closes the app is gone, even if an older socket is still open.
 */
export class EventBus {
  /** Every app that ever connected stays registered, as in Asterisk, even while no socket serves it. */
  readonly registered = new Set<string>();
  private readonly current = new Map<string, Subscription>();
  private readonly sockets = new Set<WebSocket>();
  /** Every event websocket in the order they connected, kept across tests as the sockets are. */
  readonly history: EventSocketRecord[] = [];
  /** Until then new event sockets are refused, as while the network between app and Asterisk is down. */
  private refuseUntil = 0;

  constructor(
    private readonly asteriskId: string,
    private readonly sendsApplicationReplaced: boolean,
    private readonly onChange: () => void,
  ) {}

  attach(socket: WebSocket, apps: string[], subscribeAll: boolean): void {
    this.sockets.add(socket);
    const record: EventSocketRecord = { apps };
    this.history.push(record);
    for (const app of apps) {
      const previous = this.current.get(app);
      if (previous && this.sendsApplicationReplaced)
        this.send(previous.socket, { type: 'ApplicationReplaced', application: app });
      this.current.set(app, { socket, subscribeAll });
      this.registered.add(app);
    }
    socket.on('close', (code) => {
      record.closeCode = code;
      this.sockets.delete(socket);
      for (const [app, subscription] of this.current) {
        if (subscription.socket === socket) this.current.delete(app);
      }
      this.onChange();
    });
    this.onChange();
  }

  isServing(app: string): boolean {
    return this.current.has(app);
  }

  deliver(event: AriEvent, apps: string[]): void {
    for (const [app, subscription] of this.current) {
      if (subscription.subscribeAll || apps.includes(app)) {
        this.send(subscription.socket, { ...event, application: app });
      }
    }
  }

  get isRefusing(): boolean {
    return Date.now() < this.refuseUntil;
  }

  /** Abrupt loss of every socket (no close handshake), as when the network drops. */
  dropAll(refuseForMs = 0): void {
    this.refuseUntil = Date.now() + refuseForMs;
    for (const socket of this.sockets) socket.terminate();
    this.current.clear();
    this.sockets.clear();
    this.onChange();
  }

  closeAll(): void {
    for (const socket of this.sockets) socket.close(1001, 'Asterisk shutting down');
    this.current.clear();
  }

  private send(socket: WebSocket, event: AriEvent): void {
    if (socket.readyState !== socket.OPEN) return;
    const stamped = { timestamp: asteriskTime(), asterisk_id: this.asteriskId, ...event };
    socket.send(JSON.stringify(stamped));
  }
}
